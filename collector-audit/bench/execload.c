/*
 * Load generator for bench/exec-load.sh (not a test): starts PROGRAM (no arguments) RATE times a
 * second in total for SECONDS seconds. An exec costs milliseconds of kernel time here, and
 * posix_spawn returns only once the child has exec'd, so one spawner cannot reach 1,000/s:
 * WORKERS processes share the rate, each paced against absolute deadlines (a late start is
 * caught up), each with at most 32 children alive. Prints "started failed elapsed-seconds" on
 * stdout when done. SIGTERM stops the workers (they also die with the parent) and still prints.
 * Usage: execload RATE SECONDS PROGRAM [WORKERS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t stop;

static void on_term(int sig) {
    (void) sig;
    stop = 1;
}

struct counts {
    long started;
    long failed;
};

static void work(double rate, double seconds, char *program, struct counts *out) {
    char *const args[] = {program, NULL};
    long interval = (long) (1e9 / rate);
    long total = (long) (rate * seconds);
    long alive = 0;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (out->started + out->failed < total && !stop) {
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR) {
        }
        pid_t pid;
        if (posix_spawn(&pid, program, NULL, NULL, args, environ) == 0) {
            __atomic_add_fetch(&out->started, 1, __ATOMIC_RELAXED);
            alive++;
        } else {
            __atomic_add_fetch(&out->failed, 1, __ATOMIC_RELAXED);
        }
        while (alive > 0 && waitpid(-1, NULL, WNOHANG) > 0) {
            alive--;
        }
        while (alive >= 32 && waitpid(-1, NULL, 0) > 0) {
            alive--;
        }
        next.tv_nsec += interval;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
    }
    while (alive > 0 && waitpid(-1, NULL, 0) > 0) {
        alive--;
    }
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: execload RATE SECONDS PROGRAM [WORKERS]\n");
        return 2;
    }
    double rate = strtod(argv[1], NULL);
    double seconds = strtod(argv[2], NULL);
    int workers = argc == 5 ? atoi(argv[4]) : 8;
    if (rate <= 0 || seconds <= 0 || workers < 1 || workers > 64) {
        fprintf(stderr, "execload: RATE and SECONDS must be positive, WORKERS 1..64\n");
        return 2;
    }
    // one counter pair per worker, shared with the parent
    struct counts *counts = mmap(NULL, sizeof(struct counts) * workers, PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (counts == MAP_FAILED) {
        perror("execload: mmap");
        return 1;
    }
    pid_t *pids = calloc((size_t) workers, sizeof(pid_t));
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    struct timespec begin, end;
    clock_gettime(CLOCK_MONOTONIC, &begin);
    for (int w = 0; w < workers; w++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("execload: fork");
            stop = 1;
            break;
        }
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the parent */
            if (getppid() == 1) {
                _exit(0);
            }
            work(rate / workers, seconds, argv[3], &counts[w]);
            _exit(0);
        }
        pids[w] = pid;
    }
    int forwarded = 0;
    for (;;) {
        if (stop && !forwarded) {
            for (int w = 0; w < workers; w++) {
                if (pids[w] > 0) {
                    kill(pids[w], SIGTERM);
                }
            }
            forwarded = 1;
        }
        if (wait(NULL) < 0 && errno != EINTR) {
            break;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    long started = 0, failed = 0;
    for (int w = 0; w < workers; w++) {
        started += counts[w].started;
        failed += counts[w].failed;
    }
    double elapsed = (double) (end.tv_sec - begin.tv_sec) + (double) (end.tv_nsec - begin.tv_nsec) / 1e9;
    printf("%ld %ld %.3f\n", started, failed, elapsed);
    return 0;
}
