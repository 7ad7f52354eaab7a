/* A tiny unit-test harness. Each test binary ends with the line "N passed, N failed" and exits
 * non-zero when anything failed. Usage:
 *     static void test_foo(void) { CHECK(x == 1); CHECK_STR(s, "a"); }
 *     int main(void) { RUN(test_foo); return check_summary(); }
 */
#ifndef MD_CHECK_H
#define MD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed_ = 0, check_failed_ = 0, check_case_failed_ = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                      \
            check_case_failed_ = 1;                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "  FAIL %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a,   \
                    a_, b_);                                                                       \
            check_case_failed_ = 1;                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "  FAIL %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__,   \
                    #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                   \
            check_case_failed_ = 1;                                                                \
        }                                                                                          \
    } while (0)

#define RUN(fn)                                                                                    \
    do {                                                                                           \
        check_case_failed_ = 0;                                                                    \
        fn();                                                                                      \
        if (check_case_failed_) {                                                                  \
            check_failed_++;                                                                       \
            fprintf(stderr, "not ok %s\n", #fn);                                                   \
        } else {                                                                                   \
            check_passed_++;                                                                       \
        }                                                                                          \
    } while (0)

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed_, check_failed_);
    return check_failed_ ? 1 : 0;
}

#endif
