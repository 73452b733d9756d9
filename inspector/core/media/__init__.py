"""The media under inspection: drive backends (`drives/`), read-only attach and mount
(`access`, `mounts`, `privileged`), raw sector sampling (`raw`) and BLAKE3 evidence hashing.

Everything that touches a device goes through here; nothing here writes to one."""
