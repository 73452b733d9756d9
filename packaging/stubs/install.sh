#!/usr/bin/env bash
# Put the field kit's two small stand-in libraries where the spec left out the large ones
# (packaging/inspector.spec, REPLACED), under the names the bundle's libraries link:
#     bash packaging/stubs/install.sh BUNDLE SITE_PACKAGES   (build.sh runs it)
#  - PySide6/Qt/lib/libicudata.so.NN: ICU with no data (icudata.c) instead of 32 MB of it;
#  - numpy.libs/libscipy_openblas64_-HASH.so: the CBLAS routines numpy links (blas.c), and for
#    each LAPACK routine numpy.linalg links, a function that stops with one line naming it.
# Both are checked here: every symbol numpy's modules take from OpenBLAS must be defined.
set -euo pipefail
bundle=$1 site=$2
here=$(cd "$(dirname "$0")" && pwd)
internal="$bundle/_internal"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$internal/PySide6/Qt/lib" "$internal/numpy.libs"

# -- ICU data -----------------------------------------------------------------------------------
icu=$(cd "$site/PySide6/Qt/lib" && ls libicudata.so.* | head -1)  # libicudata.so.73
major=${icu##*.so.}
gcc -O2 -shared -fPIC -DICU_ENTRY="icudt${major}_dat" -Wl,-soname,"$icu" \
  -o "$internal/PySide6/Qt/lib/$icu" "$here/icudata.c"
nm -D --undefined-only "$internal/PySide6/Qt/lib/libicuuc.so.$major" | grep -q "icudt${major}_dat" \
  || { echo "stubs: libicuuc.so.$major no longer asks for icudt${major}_dat" >&2; exit 1; }

# -- OpenBLAS -----------------------------------------------------------------------------------
real=$(ls "$site"/numpy.libs/libscipy_openblas64_*.so)
soname=$(basename "$real")
nm -D --defined-only "$real" | awk '{print $3}' | sort -u >"$work/real"
find "$internal/numpy" -name '*.so' -exec nm -D --undefined-only {} + | awk '{print $2}' \
  | sort -u | comm -12 - "$work/real" >"$work/wanted"
gcc -O2 -fPIC -fvisibility=hidden -Wall -Werror -c "$here/blas.c" -o "$work/blas.o"
nm --defined-only "$work/blas.o" | awk '$2 == "T" {print $3}' | sort -u >"$work/have"
comm -23 "$work/wanted" "$work/have" >"$work/missing"
if grep -q cblas "$work/missing"; then
  echo "stubs: numpy now links CBLAS routines blas.c lacks: $(grep cblas "$work/missing" | tr '\n' ' ')" >&2
  exit 1
fi
{
  echo '#include <stdio.h>'
  echo '#include <stdlib.h>'
  echo 'static void missing(const char *name) {'
  echo '  fprintf(stderr, "inspector: numpy.linalg (%s) is not part of the field kit\n", name);'
  echo '  exit(70);'
  echo '}'
  while read -r name; do
    echo "__attribute__((visibility(\"default\"))) void $name(void) { missing(\"$name\"); }"
  done <"$work/missing"
} >"$work/lapack.c"
gcc -O2 -shared -fPIC -fvisibility=hidden -Wl,-soname,"$soname" \
  -o "$internal/numpy.libs/$soname" "$work/blas.o" "$work/lapack.c"
echo "stubs: $icu (ICU with no data), $soname ($(wc -l <"$work/have") CBLAS routines," \
  "$(wc -l <"$work/missing") LAPACK routines that stop with a message)"
