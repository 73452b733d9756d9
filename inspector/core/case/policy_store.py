"""The policy in force at this desk: a supervisor's edited copy in the data directory, else the
shipped default. Edits are validated before they replace anything, and the previous version is
kept beside it; the store audits the change (Store.record_policy_change).

Cases are unaffected by later edits: each keeps the policy text it was opened under.
"""

from __future__ import annotations

import os
from pathlib import Path

from inspector.core.case.policy import Policy, PolicyError, load_policy, parse_policy
from inspector.core.paths import data_dir

ACTIVE_NAME = "policy.toml"


def active_policy_path() -> Path:
    """The supervisor's policy when one was saved, else the shipped default."""
    edited = data_dir() / ACTIVE_NAME
    if edited.is_file():
        return edited
    from inspector.core.case.policy import default_policy_path

    return default_policy_path()


def active_policy() -> Policy:
    return load_policy(active_policy_path())


def save_policy(text: str) -> tuple[Policy, Policy]:
    """Validate `text` and make it the active policy; return (previous, new). Nothing changes
    when the text is invalid (PolicyError names the key and line)."""
    parse_policy(text, "edited policy")  # validate before anything is touched
    previous = active_policy()
    target = data_dir() / ACTIVE_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file():  # keep the version it replaces, named by its hash
            os.replace(target, target.with_name(f"policy-{previous.hash[:16]}.toml"))
        tmp = target.with_name(f".{ACTIVE_NAME}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise PolicyError(f"cannot save the policy to {target}: {exc.strerror or exc}") from None
    return previous, parse_policy(text, str(target))
