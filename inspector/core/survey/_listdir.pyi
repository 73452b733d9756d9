from collections.abc import Callable
from typing import TypeAlias

# (files, bytes, allocated, dirs, symlinks, other, entries, stopped, listing_errno,
#  errors: (name, errno), foreign: names of directories on another filesystem)
Listed: TypeAlias = tuple[
    int, int, int, int, int, int, int, int, int, list[tuple[str, int]], list[str]
]
ListDir: TypeAlias = Callable[
    [
        int,  # fd of the directory (not closed)
        str,  # prefix: the directory's path with its trailing slash
        list[str],  # stack: subdirectories to visit are appended
        dict[str, str],  # ext_cache: suffix -> extension
        Callable[[str, str], str],  # extension(name, suffix) on a cache miss
        dict[str, list[int]],  # ext_table: extension -> [files, bytes]
        Callable[[str, int], None],  # new_ext(ext, size): a row not in the table yet
        set[int],  # seen_inodes of hard-linked files
        object,  # tap (StreamTap) or None
        int,  # root_dev
        int,  # base_files: the walk's file ordinal before this directory
        int,  # base_bytes: its byte offset
        Callable[[int, int, int], bool],  # check(files, bytes, allocated): True = stop
    ],
    Listed,
]

list_dir: ListDir
