/* relay: a user-space "wire" between two network namespaces, for portwindow's lab.

   usage: relay --ns-a PID --ns-b PID [--name IFNAME] [--delay-us US] [--delay-ba-us US]
                [--loss P] [--loss-ba P] [--rate PPS] [--seed N] [--slots N]
                [--lifetime S]

   Creates a TUN device IFNAME (default "pwlab", IFF_TUN | IFF_NO_PI) in the network
   namespace of process A and one in that of process B (setns into each in turn; each fd
   stays bound to its namespace), then forwards every IP packet read from one device to
   the other after a fixed one-way delay (--delay-us from A to B, --delay-ba-us from B to
   A, default the same), dropping each with probability --loss (--loss-ba from B to A,
   default the same) drawn from a seeded splitmix64 stream per direction, so the n-th
   packet of a direction meets the same fate on every run. --rate caps each direction
   at PPS packets a second (a token bucket, burst PPS/100 + 1; the excess is dropped).
   Packets wait in a preallocated FIFO ring per direction (--slots, default 65536): the
   delay is the same for every packet of a direction, so arrival order is departure
   order and no heap is needed. A packet that finds its ring full is dropped and counted.

   Prints "ready" on stdout once both devices exist (the caller then sets addresses and
   brings them up); SIGUSR1 prints the counters as one JSON line; SIGTERM, SIGINT or
   --lifetime seconds (default 3600) print them and end the relay, which removes both
   devices. Addresses, routes and MTU are the caller's business (ip link / ip addr).

   Build: cc -O2 -o relay relay.c
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#define SLOT 2048   /* bytes per packet slot: the MTU (1500) fits with room to spare */
#define BATCH 256   /* packets read from one device before the other gets its turn */

struct direction {
    const char *name;
    int in, out;
    uint64_t delay_ns;
    double loss;
    uint64_t rng;
    /* token bucket (rate > 0) */
    double rate, tokens, burst;
    uint64_t last_ns;
    /* the ring */
    uint32_t slots, head, count;
    uint8_t *data;
    uint16_t *len;
    uint64_t *due;
    /* counters */
    uint64_t rx, dropped, policed, overflow, tx, tx_err, max_queued;
};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void die(const char *what) {
    fprintf(stderr, "relay: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void usage(void) {
    fputs("usage: relay --ns-a PID --ns-b PID [--name IFNAME] [--delay-us US] "
          "[--delay-ba-us US] [--loss P] [--loss-ba P] [--rate PPS] [--seed N] "
          "[--slots N] [--lifetime S]\n", stderr);
    exit(2);
}

/* A TUN device named ifname in the network namespace of pid. */
static int tun_in(long pid, const char *ifname) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/ns/net", pid);
    int ns = open(path, O_RDONLY | O_CLOEXEC);
    if (ns < 0) die(path);
    if (setns(ns, CLONE_NEWNET) < 0) die("setns");
    close(ns);
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) die("/dev/net/tun");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) die("TUNSETIFF");
    return fd;
}

static void ring_alloc(struct direction *d, uint32_t slots) {
    d->slots = slots;
    d->data = malloc((size_t)slots * SLOT);
    d->len = malloc(sizeof(uint16_t) * slots);
    d->due = malloc(sizeof(uint64_t) * slots);
    if (!d->data || !d->len || !d->due) die("malloc");
    memset(d->data, 0, (size_t)slots * SLOT); /* fault the pages in now, not mid-run */
}

static int allowed(struct direction *d, uint64_t t) {
    if (d->rate <= 0) return 1;
    d->tokens += (double)(t - d->last_ns) * 1e-9 * d->rate;
    d->last_ns = t;
    if (d->tokens > d->burst) d->tokens = d->burst;
    if (d->tokens < 1.0) return 0;
    d->tokens -= 1.0;
    return 1;
}

/* Read what the device has (at most BATCH packets) into the ring. */
static void take(struct direction *d) {
    static uint8_t scratch[SLOT];
    for (int i = 0; i < BATCH; i++) {
        uint8_t *buf = scratch;
        uint32_t tail = 0;
        if (d->count < d->slots) {
            tail = (d->head + d->count) % d->slots;
            buf = d->data + (size_t)tail * SLOT;
        }
        ssize_t n = read(d->in, buf, SLOT);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) return;
            die("read");
        }
        uint64_t t = now_ns();
        d->rx++;
        if (d->loss > 0 && (double)(splitmix64(&d->rng) >> 11) * 0x1.0p-53 < d->loss) {
            d->dropped++;
            continue;
        }
        if (!allowed(d, t)) {
            d->policed++;
            continue;
        }
        if (buf == scratch) {
            d->overflow++;
            continue;
        }
        d->len[tail] = (uint16_t)n;
        d->due[tail] = t + d->delay_ns;
        d->count++;
        if (d->count > d->max_queued) d->max_queued = d->count;
    }
}

/* Write every packet whose time has come; return when the next one is due (0: none). */
static uint64_t give(struct direction *d, uint64_t t) {
    while (d->count) {
        uint32_t h = d->head;
        if (d->due[h] > t) return d->due[h];
        if (write(d->out, d->data + (size_t)h * SLOT, d->len[h]) < 0)
            d->tx_err++;
        else
            d->tx++;
        d->head = (h + 1) % d->slots;
        d->count--;
    }
    return 0;
}

static void report(struct direction *dirs, uint64_t started) {
    printf("{\"elapsed\": %.6f", (double)(now_ns() - started) * 1e-9);
    for (int i = 0; i < 2; i++) {
        struct direction *d = &dirs[i];
        printf(", \"%s\": {\"rx\": %llu, \"dropped\": %llu, \"policed\": %llu, "
               "\"overflow\": %llu, \"tx\": %llu, \"tx_err\": %llu, \"queued\": %u, "
               "\"max_queued\": %llu}",
               d->name, (unsigned long long)d->rx, (unsigned long long)d->dropped,
               (unsigned long long)d->policed, (unsigned long long)d->overflow,
               (unsigned long long)d->tx, (unsigned long long)d->tx_err, d->count,
               (unsigned long long)d->max_queued);
    }
    printf("}\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    long pid_a = 0, pid_b = 0, slots = 65536;
    const char *ifname = "pwlab";
    double delay_us = 0, delay_ba_us = -1, loss = 0, loss_ba = -1, rate = 0, lifetime = 3600;
    uint64_t seed = 1;
    static const struct option opts[] = {
        {"ns-a", required_argument, 0, 'a'},     {"ns-b", required_argument, 0, 'b'},
        {"name", required_argument, 0, 'n'},     {"delay-us", required_argument, 0, 'd'},
        {"delay-ba-us", required_argument, 0, 'D'}, {"loss", required_argument, 0, 'l'},
        {"loss-ba", required_argument, 0, 'L'},  {"rate", required_argument, 0, 'r'},
        {"seed", required_argument, 0, 's'},     {"slots", required_argument, 0, 'S'},
        {"lifetime", required_argument, 0, 't'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'a': pid_a = atol(optarg); break;
        case 'b': pid_b = atol(optarg); break;
        case 'n': ifname = optarg; break;
        case 'd': delay_us = atof(optarg); break;
        case 'D': delay_ba_us = atof(optarg); break;
        case 'l': loss = atof(optarg); break;
        case 'L': loss_ba = atof(optarg); break;
        case 'r': rate = atof(optarg); break;
        case 's': seed = strtoull(optarg, NULL, 0); break;
        case 'S': slots = atol(optarg); break;
        case 't': lifetime = atof(optarg); break;
        default: usage();
        }
    }
    if (pid_a <= 0 || pid_b <= 0 || optind != argc || slots < 16 || delay_us < 0 ||
        loss < 0 || loss > 1 || lifetime <= 0)
        usage();
    if (delay_ba_us < 0) delay_ba_us = delay_us;
    if (loss_ba < 0) loss_ba = loss;

    prctl(PR_SET_TIMERSLACK, 1UL); /* wake on time: the delays are sub-millisecond */
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the lab that started us */

    int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0) die("/proc/self/ns/net");
    int fd_a = tun_in(pid_a, ifname);
    int fd_b = tun_in(pid_b, ifname);
    if (setns(home, CLONE_NEWNET) < 0) die("setns home");
    close(home);

    struct direction dirs[2];
    memset(dirs, 0, sizeof dirs);
    dirs[0] = (struct direction){.name = "ab", .in = fd_a, .out = fd_b,
                                 .delay_ns = (uint64_t)(delay_us * 1000), .loss = loss,
                                 .rng = seed * 2 + 1, .rate = rate};
    dirs[1] = (struct direction){.name = "ba", .in = fd_b, .out = fd_a,
                                 .delay_ns = (uint64_t)(delay_ba_us * 1000), .loss = loss_ba,
                                 .rng = seed * 2 + 2, .rate = rate};
    for (int i = 0; i < 2; i++) {
        ring_alloc(&dirs[i], (uint32_t)slots);
        dirs[i].burst = rate / 100 + 1;
        dirs[i].tokens = dirs[i].burst;
        dirs[i].last_ns = now_ns();
    }

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0) die("sigprocmask");
    int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sfd < 0) die("signalfd");

    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    int fds[3] = {fd_a, fd_b, sfd};
    for (int i = 0; i < 3; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) < 0) die("epoll_ctl");
    }

    uint64_t started = now_ns();
    uint64_t end = started + (uint64_t)(lifetime * 1e9);
    printf("ready\n");
    fflush(stdout);

    for (;;) {
        uint64_t t = now_ns();
        uint64_t next = end;
        for (int i = 0; i < 2; i++) {
            uint64_t due = give(&dirs[i], t);
            if (due && due < next) next = due;
        }
        if (t >= end) break;
        uint64_t wait = next > t ? next - t : 0;
        struct timespec timeout = {.tv_sec = (time_t)(wait / 1000000000u),
                                   .tv_nsec = (long)(wait % 1000000000u)};
        struct epoll_event evs[3];
        int n = epoll_pwait2(ep, evs, 3, &timeout, NULL);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_pwait2");
        }
        int stop = 0;
        for (int i = 0; i < n; i++) {
            uint32_t which = evs[i].data.u32;
            if (which < 2) {
                take(&dirs[which]);
                continue;
            }
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
                if (si.ssi_signo == SIGUSR1)
                    report(dirs, started);
                else
                    stop = 1;
            }
        }
        if (stop) break;
    }
    report(dirs, started);
    return 0;
}
