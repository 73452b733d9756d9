/* One directory of the survey walk, listed and counted in C (see walk.py, `_Walk.list_native`).
 *
 * Why C: per entry, os.scandir builds a DirEntry and entry.stat() a 20-field stat_result with
 * float times; the walk reads five of its fields. At 200k files that is most of the gap to
 * `du`, which does the same syscalls (getdents64, fstatat) and nothing else. Here an entry
 * costs those syscalls plus a few comparisons; Python objects are made only for what the
 * walk keeps: the path of a subdirectory, the suffix of a file (with a one-entry cache, as
 * files of one directory mostly share it), a file a sampling draw lands on.
 *
 * The rules stay in walk.py: the extension of a new suffix, a new row of the extension table,
 * cancel and progress (every 512 entries) are Python callbacks. Read-only: the directory is
 * read through a duplicate of the caller's descriptor, entries are stat'ed with
 * AT_SYMLINK_NOFOLLOW, and nothing is opened for writing. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_EVERY 512

typedef struct {
    /* the row of the extension table the last files went to, and what is not yet added */
    PyObject *suffix;  /* bytes of the suffix ("." included), owned */
    PyObject *ext;     /* its extension (str), owned */
    PyObject *slot;    /* the table's [files, bytes] list, borrowed from the table */
    long long files;
    long long bytes;
} ExtRun;

static int add_to_slot(PyObject *slot, Py_ssize_t i, long long n) {
    PyObject *old = PyList_GET_ITEM(slot, i);
    PyObject *delta = PyLong_FromLongLong(n);
    if (delta == NULL) return -1;
    PyObject *sum = PyNumber_Add(old, delta);
    Py_DECREF(delta);
    if (sum == NULL) return -1;
    PyList_SET_ITEM(slot, i, sum);
    Py_DECREF(old);
    return 0;
}

static int flush_run(ExtRun *run) {
    if (run->slot != NULL && (run->files || run->bytes)) {
        if (add_to_slot(run->slot, 0, run->files) < 0) return -1;
        if (add_to_slot(run->slot, 1, run->bytes) < 0) return -1;
    }
    run->files = run->bytes = 0;
    return 0;
}

static void clear_run(ExtRun *run) {
    Py_CLEAR(run->suffix);
    Py_CLEAR(run->ext);
    run->slot = NULL;
}

/* The extension of `name` (its suffix from the last dot; "" without one or for a dot file),
 * through the walk's suffix cache and, on a miss, its `extension(name, suffix)` callback. */
static PyObject *extension_of(const char *name, size_t len, PyObject *ext_cache,
                              PyObject *extension, PyObject *empty) {
    const char *dot = memrchr(name, '.', len);
    if (dot == NULL || dot == name) {
        Py_INCREF(empty);
        return empty;
    }
    PyObject *suffix = PyUnicode_DecodeFSDefaultAndSize(dot, (Py_ssize_t)(name + len - dot));
    if (suffix == NULL) return NULL;
    PyObject *ext = PyDict_GetItemWithError(ext_cache, suffix);
    if (ext != NULL) {
        Py_INCREF(ext);
        Py_DECREF(suffix);
        return ext;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(suffix);
        return NULL;
    }
    PyObject *full = PyUnicode_DecodeFSDefaultAndSize(name, (Py_ssize_t)len);
    if (full == NULL) {
        Py_DECREF(suffix);
        return NULL;
    }
    ext = PyObject_CallFunctionObjArgs(extension, full, suffix, NULL);
    Py_DECREF(full);
    Py_DECREF(suffix);
    if (ext != NULL && !PyUnicode_Check(ext)) {
        PyErr_SetString(PyExc_TypeError, "extension() must return str");
        Py_CLEAR(ext);
    }
    return ext;
}

/* Count one regular file's size under its extension's row. */
static int count_extension(ExtRun *run, const char *name, size_t len, long long size,
                           PyObject *ext_cache, PyObject *extension, PyObject *ext_table,
                           PyObject *new_ext, PyObject *empty) {
    const char *dot = memrchr(name, '.', len);
    const char *suffix = (dot == NULL || dot == name) ? name + len : dot;
    size_t suffix_len = (size_t)(name + len - suffix);
    if (run->suffix != NULL && (size_t)PyBytes_GET_SIZE(run->suffix) == suffix_len &&
        memcmp(PyBytes_AS_STRING(run->suffix), suffix, suffix_len) == 0 && run->slot != NULL) {
        run->files += 1;
        run->bytes += size;
        return 0;
    }
    if (flush_run(run) < 0) return -1;
    clear_run(run);
    PyObject *ext = extension_of(name, len, ext_cache, extension, empty);
    if (ext == NULL) return -1;
    PyObject *slot = PyDict_GetItemWithError(ext_table, ext);
    if (slot == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(ext);
            return -1;
        }
        /* a new row: the walk decides where it goes (past MAX_EXTENSIONS, "(other)") */
        PyObject *sz = PyLong_FromLongLong(size);
        PyObject *r = sz ? PyObject_CallFunctionObjArgs(new_ext, ext, sz, NULL) : NULL;
        Py_XDECREF(sz);
        Py_DECREF(ext);
        if (r == NULL) return -1;
        Py_DECREF(r);
        return 0; /* not cached: the next file of that suffix looks its row up again */
    }
    if (!PyList_CheckExact(slot) || PyList_GET_SIZE(slot) != 2) {
        Py_DECREF(ext);
        PyErr_SetString(PyExc_TypeError, "extension rows must be [files, bytes] lists");
        return -1;
    }
    run->suffix = PyBytes_FromStringAndSize(suffix, (Py_ssize_t)suffix_len);
    if (run->suffix == NULL) {
        Py_DECREF(ext);
        return -1;
    }
    run->ext = ext;
    run->slot = slot;
    run->files = 1;
    run->bytes = size;
    return 0;
}

static int append_error(PyObject *errors, const char *name, size_t len, int err) {
    PyObject *n = PyUnicode_DecodeFSDefaultAndSize(name, (Py_ssize_t)len);
    if (n == NULL) return -1;
    PyObject *item = Py_BuildValue("(Ni)", n, err);
    if (item == NULL) return -1;
    int rc = PyList_Append(errors, item);
    Py_DECREF(item);
    return rc;
}

static PyObject *join(PyObject *prefix, const char *name, size_t len) {
    PyObject *n = PyUnicode_DecodeFSDefaultAndSize(name, (Py_ssize_t)len);
    if (n == NULL) return NULL;
    PyObject *path = PyUnicode_Concat(prefix, n);
    Py_DECREF(n);
    return path;
}

static int read_thresholds(PyObject *tap, long long *next_byte, long long *next_file) {
    PyObject *b = PyObject_GetAttrString(tap, "next_byte");
    if (b == NULL) return -1;
    PyObject *f = PyObject_GetAttrString(tap, "next_file");
    if (f == NULL) {
        Py_DECREF(b);
        return -1;
    }
    *next_byte = PyLong_AsLongLong(b);
    *next_file = PyLong_AsLongLong(f);
    Py_DECREF(b);
    Py_DECREF(f);
    return PyErr_Occurred() ? -1 : 0;
}

/* The tap's `hit(path, size, ext, start, ordinal)`, then its new thresholds. */
static int tap_hit(PyObject *tap, PyObject *prefix, const char *name, size_t len,
                   long long size, ExtRun *run, PyObject *ext_cache,
                   PyObject *extension, PyObject *empty, long long start, long long ordinal,
                   long long *next_byte, long long *next_file) {
    PyObject *ext = run->ext;
    if (ext != NULL) {
        Py_INCREF(ext);
    } else {
        ext = extension_of(name, len, ext_cache, extension, empty);
        if (ext == NULL) return -1;
    }
    PyObject *path = join(prefix, name, len);
    if (path == NULL) {
        Py_DECREF(ext);
        return -1;
    }
    PyObject *r = PyObject_CallMethod(tap, "hit", "OLOLL", path, size, ext, start, ordinal);
    Py_DECREF(path);
    Py_DECREF(ext);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return read_thresholds(tap, next_byte, next_file);
}

typedef struct {
    long long files, bytes, allocated; /* since the last check (flushed by it) */
} Delta;

static PyObject *call_check(PyObject *check, Delta *d) {
    PyObject *r = PyObject_CallFunction(check, "LLL", d->files, d->bytes, d->allocated);
    d->files = d->bytes = d->allocated = 0;
    return r;
}

PyDoc_STRVAR(list_dir_doc,
    "list_dir(fd, prefix, stack, ext_cache, extension, ext_table, new_ext, seen_inodes, tap,\n"
    "         root_dev, base_files, base_bytes, check)\n"
    "-> (files, bytes, allocated, dirs, symlinks, other, entries, stopped, listing_errno,\n"
    "    errors, foreign)\n\n"
    "Count the directory open at `fd` (not closed: it is read through a duplicate). See\n"
    "inspector/core/survey/walk.py for the meaning of every argument.");

typedef struct {
    size_t name; /* offset of its NUL-terminated name in the batch's names */
    size_t len;
    struct stat st;
    int stat_errno;
} Entry;

typedef struct {
    Entry entries[CHECK_EVERY];
    char *names; /* names of the batch, one after another (any length: NAME_MAX is not
                    enforced by every filesystem driver) */
    size_t used, capacity;
} Batch;

/* Read up to CHECK_EVERY entries with their lstat, without the GIL (a cold disk may take a
 * seek per entry: the desk's other threads must run meanwhile). Returns how many, or -1 when
 * out of memory; *done is set at the end of the listing, *listing_errno on an I/O error
 * part-way through it. */
static int read_batch(DIR *dir, int dfd, Batch *b, int *done, int *listing_errno) {
    int n = 0, oom = 0;
    b->used = 0;
    Py_BEGIN_ALLOW_THREADS
    while (n < CHECK_EVERY) {
        errno = 0;
        struct dirent *de = readdir(dir);
        if (de == NULL) {
            *listing_errno = errno;
            *done = 1;
            break;
        }
        const char *name = de->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        size_t len = strlen(name);
        if (b->used + len + 1 > b->capacity) {
            size_t capacity = 2 * (b->capacity + len + 1);
            char *grown = realloc(b->names, capacity); /* no GIL: the C allocator */
            if (grown == NULL) {
                oom = 1;
                break;
            }
            b->names = grown;
            b->capacity = capacity;
        }
        Entry *e = &b->entries[n++];
        e->name = b->used;
        e->len = len;
        memcpy(b->names + b->used, name, len + 1);
        b->used += len + 1;
        e->stat_errno = fstatat(dfd, name, &e->st, AT_SYMLINK_NOFOLLOW) != 0 ? errno : 0;
    }
    Py_END_ALLOW_THREADS
    return oom ? -1 : n;
}

static PyObject *list_dir(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 13) {
        PyErr_SetString(PyExc_TypeError, "list_dir takes 13 arguments");
        return NULL;
    }
    int fd = (int)PyLong_AsLong(args[0]);
    PyObject *prefix = args[1], *stack = args[2], *ext_cache = args[3], *extension = args[4];
    PyObject *ext_table = args[5], *new_ext = args[6], *seen = args[7], *tap = args[8];
    unsigned long long root_dev = PyLong_AsUnsignedLongLong(args[9]);
    long long base_files = PyLong_AsLongLong(args[10]);
    long long base_bytes = PyLong_AsLongLong(args[11]);
    PyObject *check = args[12];
    if (PyErr_Occurred()) return NULL;
    if (!PyUnicode_Check(prefix) || !PyList_Check(stack) || !PyDict_Check(ext_cache) ||
        !PyDict_Check(ext_table) || !PySet_Check(seen)) {
        PyErr_SetString(PyExc_TypeError, "list_dir: wrong argument types");
        return NULL;
    }
    long long next_byte = LLONG_MAX, next_file = LLONG_MAX;
    if (tap != Py_None && read_thresholds(tap, &next_byte, &next_file) < 0) return NULL;

    Batch *batch = PyMem_Calloc(1, sizeof(Batch));
    if (batch == NULL) return PyErr_NoMemory();
    int dfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    DIR *dir = dfd < 0 ? NULL : fdopendir(dfd);
    if (dir == NULL) {
        int err = errno;
        if (dfd >= 0) close(dfd);
        PyMem_Free(batch);
        batch = NULL;
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    rewinddir(dir);

    PyObject *errors = PyList_New(0), *foreign = PyList_New(0);
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    ExtRun run = {NULL, NULL, NULL, 0, 0};
    Delta delta = {0, 0, 0};
    long long files = 0, nbytes = 0; /* whole directory: ordinals and byte offsets */
    long long dirs = 0, symlinks = 0, other = 0, entries = 0;
    int stopped = 0, listing_errno = 0, done = 0;
    int failed = errors == NULL || foreign == NULL || empty == NULL;

    while (!failed && !done) {
        int n = read_batch(dir, dfd, batch, &done, &listing_errno);
        if (n < 0) {
            PyErr_NoMemory();
            failed = 1;
            break;
        }
        entries += n;
        for (int i = 0; i < n && !failed; i++) {
            const Entry *e = &batch->entries[i];
            const char *name = batch->names + e->name;
            const struct stat *st = &e->st;
            size_t len = e->len;
            if (e->stat_errno) {
                if (append_error(errors, name, len, e->stat_errno) < 0) failed = 1;
            } else if (S_ISREG(st->st_mode)) {
                long long size = (long long)st->st_size;
                long long start = base_bytes + nbytes, ordinal = base_files + files;
                files++;
                nbytes += size;
                delta.files++;
                delta.bytes += size;
                if (st->st_nlink <= 1) {
                    delta.allocated += (long long)st->st_blocks * 512;
                } else {
                    PyObject *ino = PyLong_FromUnsignedLongLong((unsigned long long)st->st_ino);
                    int known = ino ? PySet_Contains(seen, ino) : -1;
                    if (known == 0) {
                        known = PySet_Add(seen, ino);
                        if (known == 0) delta.allocated += (long long)st->st_blocks * 512;
                    }
                    Py_XDECREF(ino);
                    if (known < 0) failed = 1;
                }
                if (!failed && count_extension(&run, name, len, size, ext_cache, extension,
                                               ext_table, new_ext, empty) < 0)
                    failed = 1;
                if (!failed && (start + size > next_byte || ordinal >= next_file) &&
                    tap_hit(tap, prefix, name, len, size, &run, ext_cache, extension, empty,
                            start, ordinal, &next_byte, &next_file) < 0)
                    failed = 1;
            } else if (S_ISDIR(st->st_mode)) {
                PyObject *item;
                if ((unsigned long long)st->st_dev != root_dev) {
                    item = PyUnicode_DecodeFSDefaultAndSize(name, (Py_ssize_t)len);
                    if (item == NULL || PyList_Append(foreign, item) < 0) failed = 1;
                } else {
                    dirs++;
                    item = join(prefix, name, len);
                    if (item == NULL || PyList_Append(stack, item) < 0) failed = 1;
                }
                Py_XDECREF(item);
            } else if (S_ISLNK(st->st_mode)) {
                symlinks++;
            } else {
                other++;
            }
        }
        if (failed || done) break;
        /* every full batch: counts into the walk's tally, cancel and progress */
        if (flush_run(&run) < 0) {
            failed = 1;
            break;
        }
        PyObject *r = call_check(check, &delta);
        int stop = r == NULL ? -1 : PyObject_IsTrue(r);
        Py_XDECREF(r);
        if (stop < 0) failed = 1;
        if (stop > 0) stopped = 1;
        if (stopped) break;
    }
    closedir(dir);
    free(batch->names);
    PyMem_Free(batch);
    if (!failed && flush_run(&run) < 0) failed = 1;
    clear_run(&run);
    Py_XDECREF(empty);
    if (failed) {
        Py_XDECREF(errors);
        Py_XDECREF(foreign);
        return NULL;
    }
    return Py_BuildValue("(LLLLLLLiiNN)", delta.files, delta.bytes, delta.allocated, dirs,
                         symlinks, other, entries, stopped, listing_errno, errors, foreign);
}

static PyMethodDef methods[] = {
    {"list_dir", (PyCFunction)(void (*)(void))list_dir, METH_FASTCALL, list_dir_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "inspector.core.survey._listdir",
    "The survey walk's directory lister in C (see list_dir).", -1, methods, NULL, NULL, NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__listdir(void) { return PyModule_Create(&module); }
