/* A small BLAS for the field kit, in place of the 28 MB OpenBLAS (+ libgfortran) that numpy's
 * wheel vendors (packaging/build.sh compiles it under the vendored library's name).
 *
 * Why it is enough: numpy calls BLAS only for matrix and vector products of float and complex
 * arrays (np.dot, matmul, inner, vdot) and LAPACK only in numpy.linalg. Inspector (block
 * statistics: bincount, log) and Magika (feature bytes into ONNX Runtime, argmax) call
 * neither; ONNX Runtime has its own kernels. So this file has straightforward reference
 * versions of the 22 CBLAS routines numpy's _multiarray_umath links (correct, not fast: a
 * product still gives the right answer), and build.sh generates, for every LAPACK routine
 * numpy.linalg links, a function that stops the program with one line naming it.
 *
 * Interface: OpenBLAS built for scipy-openblas64, i.e. 64-bit integers and names
 * scipy_cblas_<name>64_. Checked by running numpy's own dot/matmul/inner/vdot tests against
 * this library (docs/field-kit.md). */
#include <complex.h>
#include <stdint.h>

typedef int64_t blasint;
enum { RowMajor = 101, ColMajor = 102 };
enum { NoTrans = 111, Trans = 112, ConjTrans = 113 };
enum { Upper = 121, Lower = 122 };

#define EXPORT __attribute__((visibility("default")))
#define NAME(name) scipy_cblas_##name##64_
/* element (i, j) of a matrix stored in `order` with leading dimension ld */
#define AT(p, order, ld, i, j) (p)[(order) == RowMajor ? (i) * (ld) + (j) : (i) + (j) * (ld)]
/* index of element i of a strided vector (negative increments start from the end) */
#define VI(i, n, inc) ((inc) >= 0 ? (i) * (inc) : ((n) - 1 - (i)) * -(inc))

static inline float conj_s(float x) { return x; }
static inline double conj_d(double x) { return x; }
static inline float complex conj_c(float complex x) { return conjf(x); }
static inline double complex conj_z(double complex x) { return conj(x); }

/* T: element type; P: s/d/c/z; S: how a scalar argument is passed; GET: its value */
#define LEVEL123(T, P, S, GET)                                                                \
    EXPORT void NAME(P##axpy)(blasint n, S alpha, const void *xv, blasint incx, void *yv,      \
                              blasint incy) {                                                  \
        const T *x = xv;                                                                       \
        T *y = yv, a = GET(alpha);                                                             \
        for (blasint i = 0; i < n; i++) y[VI(i, n, incy)] += a * x[VI(i, n, incx)];            \
    }                                                                                          \
    static T P##dot(blasint n, const T *x, blasint incx, const T *y, blasint incy, int cj) {   \
        T sum = 0;                                                                             \
        for (blasint i = 0; i < n; i++) {                                                      \
            T xi = x[VI(i, n, incx)];                                                          \
            sum += (cj ? conj_##P(xi) : xi) * y[VI(i, n, incy)];                               \
        }                                                                                      \
        return sum;                                                                            \
    }                                                                                          \
    static T P##op(const T *a, int order, int trans, blasint ld, blasint i, blasint j) {       \
        if (trans == NoTrans) return AT(a, order, ld, i, j);                                   \
        T v = AT(a, order, ld, j, i);                                                          \
        return trans == ConjTrans ? conj_##P(v) : v;                                           \
    }                                                                                          \
    EXPORT void NAME(P##gemv)(int order, int trans, blasint m, blasint n, S alpha,             \
                              const void *av, blasint lda, const void *xv, blasint incx,       \
                              S beta, void *yv, blasint incy) {                                \
        const T *a = av, *x = xv;                                                              \
        T *y = yv, al = GET(alpha), be = GET(beta);                                            \
        blasint rows = trans == NoTrans ? m : n, cols = trans == NoTrans ? n : m;              \
        for (blasint i = 0; i < rows; i++) {                                                   \
            T sum = 0;                                                                         \
            for (blasint j = 0; j < cols; j++)                                                 \
                sum += P##op(a, order, trans, lda, i, j) * x[VI(j, cols, incx)];               \
            T *yi = &y[VI(i, rows, incy)];                                                     \
            *yi = al * sum + (be == 0 ? 0 : be * *yi);                                         \
        }                                                                                      \
    }                                                                                          \
    EXPORT void NAME(P##gemm)(int order, int ta, int tb, blasint m, blasint n, blasint k,      \
                              S alpha, const void *av, blasint lda, const void *bv,            \
                              blasint ldb, S beta, void *cv, blasint ldc) {                    \
        const T *a = av, *b = bv;                                                              \
        T *c = cv, al = GET(alpha), be = GET(beta);                                            \
        for (blasint i = 0; i < m; i++)                                                        \
            for (blasint j = 0; j < n; j++) {                                                  \
                T sum = 0;                                                                     \
                for (blasint l = 0; l < k; l++)                                                \
                    sum += P##op(a, order, ta, lda, i, l) * P##op(b, order, tb, ldb, l, j);    \
                T *cij = &AT(c, order, ldc, i, j);                                             \
                *cij = al * sum + (be == 0 ? 0 : be * *cij);                                   \
            }                                                                                  \
    }                                                                                          \
    /* C = alpha op(A) op(A)^T + beta C on the `uplo` triangle only (op: NoTrans or Trans) */  \
    EXPORT void NAME(P##syrk)(int order, int uplo, int trans, blasint n, blasint k, S alpha,   \
                              const void *av, blasint lda, S beta, void *cv, blasint ldc) {    \
        const T *a = av;                                                                       \
        T *c = cv, al = GET(alpha), be = GET(beta);                                            \
        int back = trans == NoTrans ? Trans : NoTrans;                                         \
        for (blasint i = 0; i < n; i++)                                                        \
            for (blasint j = uplo == Upper ? i : 0; j < (uplo == Upper ? n : i + 1); j++) {    \
                T sum = 0;                                                                     \
                for (blasint l = 0; l < k; l++)                                                \
                    sum += P##op(a, order, trans, lda, i, l) * P##op(a, order, back, lda, l, j); \
                T *cij = &AT(c, order, ldc, i, j);                                             \
                *cij = al * sum + (be == 0 ? 0 : be * *cij);                                   \
            }                                                                                  \
    }

#define BY_VALUE(x) (x)
#define BY_POINTER_C(x) (*(const float complex *)(x))
#define BY_POINTER_Z(x) (*(const double complex *)(x))
LEVEL123(float, s, float, BY_VALUE)
LEVEL123(double, d, double, BY_VALUE)
LEVEL123(float complex, c, const void *, BY_POINTER_C)
LEVEL123(double complex, z, const void *, BY_POINTER_Z)

EXPORT float NAME(sdot)(blasint n, const float *x, blasint incx, const float *y, blasint incy) {
    return sdot(n, x, incx, y, incy, 0);
}
EXPORT double NAME(ddot)(blasint n, const double *x, blasint incx, const double *y, blasint incy) {
    return ddot(n, x, incx, y, incy, 0);
}
#define COMPLEX_DOT(T, P)                                                                      \
    EXPORT void NAME(P##dotu_sub)(blasint n, const void *x, blasint incx, const void *y,       \
                                  blasint incy, void *ret) {                                   \
        *(T *)ret = P##dot(n, x, incx, y, incy, 0);                                            \
    }                                                                                          \
    EXPORT void NAME(P##dotc_sub)(blasint n, const void *x, blasint incx, const void *y,       \
                                  blasint incy, void *ret) {                                   \
        *(T *)ret = P##dot(n, x, incx, y, incy, 1);                                            \
    }
COMPLEX_DOT(float complex, c)
COMPLEX_DOT(double complex, z)
