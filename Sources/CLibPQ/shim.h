#ifndef BANSO_CLIBPQ_SHIM_H
#define BANSO_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#ifdef __linux__
// The Database module's I/O thread waits on every connection's socket with epoll. `struct epoll_event` is packed
// on x86_64 and its flags are C enum constants, neither of which Swift imports cleanly, so these few wrappers
// keep the C boundary in C.
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <errno.h>

static const uint32_t banso_epoll_in = EPOLLIN;
static const uint32_t banso_epoll_out = EPOLLOUT;
static const uint32_t banso_epoll_err = EPOLLERR;
static const uint32_t banso_epoll_hup = EPOLLHUP;

static inline int banso_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static inline int banso_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = token;
    int rc = epoll_ctl(epfd, op, fd, &ev);
    return rc == 0 ? 0 : errno;
}

static inline int banso_epoll_add(int epfd, int fd, uint32_t events, uint64_t token) {
    return banso_epoll_ctl(epfd, EPOLL_CTL_ADD, fd, events, token);
}

static inline int banso_epoll_mod(int epfd, int fd, uint32_t events, uint64_t token) {
    return banso_epoll_ctl(epfd, EPOLL_CTL_MOD, fd, events, token);
}

static inline int banso_epoll_del(int epfd, int fd) {
    struct epoll_event ev = {0};
    int rc = epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
    return rc == 0 ? 0 : errno;
}

/// Waits for events, writing each one's token and flags to the arrays; returns the count, or -errno.
static inline int banso_epoll_wait(int epfd, uint64_t *tokens, uint32_t *flags, int capacity, int timeout_ms) {
    struct epoll_event events[256];
    if (capacity > 256) capacity = 256;
    int n = epoll_wait(epfd, events, capacity, timeout_ms);
    if (n < 0) return -errno;
    for (int i = 0; i < n; i++) {
        tokens[i] = events[i].data.u64;
        flags[i] = events[i].events;
    }
    return n;
}

static inline int banso_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

static inline void banso_eventfd_signal(int fd) {
    uint64_t one = 1;
    ssize_t ignored = write(fd, &one, sizeof one);
    (void)ignored;
}

static inline void banso_eventfd_drain(int fd) {
    uint64_t value;
    ssize_t ignored = read(fd, &value, sizeof value);
    (void)ignored;
}
#endif

// Notices (e.g. "relation already exists, skipping") would otherwise be printed to stderr by libpq's default
// processor; the server's log keeps them, so they are dropped — all but one kind, remembered in a memo per session.
//
// When the server ends a session on its own (pg_terminate_backend, shutdown) it first sends a FATAL error. If no
// statement is in flight, libpq hands that message to the notice receiver rather than to a result, and the statement
// sent next only sees the socket close ("server closed the connection unexpectedly", no SQLSTATE). The memo keeps
// the FATAL's SQLSTATE (e.g. 57P01), so the client can tell "ended before my statement was sent" (nothing ran; safe
// to retry on another session) from "broke while my statement ran" (outcome unknown).
#include <string.h>

typedef struct {
    char fatal_sqlstate[6];
} banso_notice_memo;

static inline void banso_note_notice(void *arg, const PGresult *res) {
    banso_notice_memo *memo = (banso_notice_memo *)arg;
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (memo == NULL || severity == NULL || sqlstate == NULL) return;
    if (strcmp(severity, "FATAL") == 0 || strcmp(severity, "PANIC") == 0) {
        strncpy(memo->fatal_sqlstate, sqlstate, 5);
        memo->fatal_sqlstate[5] = '\0';
    }
}

static inline void banso_watch_notices(PGconn *conn, banso_notice_memo *memo) {
    PQsetNoticeReceiver(conn, banso_note_notice, memo);
}

#endif
