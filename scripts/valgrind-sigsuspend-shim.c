// Preloaded under valgrind by scripts/callgrind-per-recipient and scripts/callgrind-serve.
// Valgrind 3.19 (Debian 12's) edits the signal mask that `sigsuspend` is given, in place; an
// async Swift `main` parks the main thread in libdispatch's `sigsuspend` on a mask kept in
// read-only memory, so valgrind faults on its own write and stops ("the 'impossible' happened").
// This passes a writable copy instead; nothing else changes.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    int (*next)(const sigset_t *) = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    return next(&copy);
}
