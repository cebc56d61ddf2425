/* Preloaded into the bench and, before umockdev's own library, into every program under it: two places where
 * umockdev 0.17.16 emulates the kernel's uevent netlink in a way that breaks under load and the kernel does not.
 * No headers: it builds with any C compiler, libc6-dev or not. */
typedef unsigned int socklen_t;
struct sockaddr { unsigned short sa_family; char sa_data[14]; };
struct sockaddr_un { unsigned short sun_family; char sun_path[108]; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; unsigned long msg_iovlen;
		void *msg_control; unsigned long msg_controllen; int msg_flags; };
struct pollfd { int fd; short events; short revents; };
extern void *dlsym(void *handle, const char *symbol);
extern int *__errno_location(void);
extern int usleep(unsigned int usec);
extern int poll(struct pollfd *fds, unsigned long count, int timeout_ms);
extern char *getenv(const char *name);
extern int strncmp(const char *a, const char *b, unsigned long length);
extern unsigned long strlen(const char *text);
extern long write(int fd, const void *buffer, unsigned long length);
#define RTLD_NEXT ((void *) -1l)
#define AF_UNIX 1
#define AF_NETLINK 16
#define EAGAIN 11
#define EADDRINUSE 98
#define ECONNREFUSED 111
#define POLLOUT 4
#define BIND_TRIES 20
#define LISTENER_WAIT_MS 200
#define TEXT(number) #number
#define AS_TEXT(number) TEXT(number)

/* In programs: umockdev binds each emulated netlink socket to "$UMOCKDEV_DIR/event<fd>". Programs started at once
 * get the same fd number, and one unlinks the other's path just before both bind, so one bind fails (EADDRINUSE)
 * and libusb_init with it. A bind that fails so is tried again. */
int bind(int fd, const struct sockaddr *address, socklen_t length)
{
	static int (*next)(int, const struct sockaddr *, socklen_t);
	if (next == 0)
		next = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "bind");
	int result = next(fd, address, length);
	for (int tries = 1; result < 0 && *__errno_location() == EADDRINUSE && address != 0
			&& address->sa_family == AF_NETLINK && tries < BIND_TRIES; tries++) {
		usleep(1000 * tries);
		result = next(fd, address, length);
	}
	return result;
}

static int to_uevent_listener(const struct msghdr *message)
{
	const char *testbed = getenv("UMOCKDEV_DIR");
	if (testbed == 0 || message == 0 || message->msg_name == 0)
		return 0;
	const struct sockaddr_un *address = (const struct sockaddr_un *) message->msg_name;
	unsigned long length = strlen(testbed);
	return address->sun_family == AF_UNIX && strncmp(address->sun_path, testbed, length) == 0
			&& strncmp(address->sun_path + length, "/event", 6) == 0;
}

/* In the bench: umockdev sends each uevent to every listener's socket without blocking and aborts the bench when
 * a listener's queue is full (net.unix.max_dgram_qlen datagrams, often 10), as when a program's hotplug thread lags
 * behind several boards re-enumerating at once. The kernel never blocks on a netlink listener: it drops the message
 * for that listener. Here the bench waits for room a little (a busy listener catches up), then drops it. A listener
 * that closed its socket after umockdev connected to it (ECONNREFUSED, which umockdev handles only at connect) is
 * gone: nothing to send. */
long sendmsg(int fd, const struct msghdr *message, int flags)
{
	static long (*next)(int, const struct msghdr *, int);
	static int said;
	if (next == 0)
		next = (long (*)(int, const struct msghdr *, int)) dlsym(RTLD_NEXT, "sendmsg");
	long result = next(fd, message, flags);
	if (result >= 0 || !to_uevent_listener(message))
		return result;
	if (*__errno_location() == EAGAIN) {
		struct pollfd room = { fd, POLLOUT, 0 };
		if (poll(&room, 1, LISTENER_WAIT_MS) > 0)
			result = next(fd, message, flags);
	}
	if (result >= 0 || (*__errno_location() != EAGAIN && *__errno_location() != ECONNREFUSED))
		return result;
	if (*__errno_location() == EAGAIN && !said) {
		static const char line[] = "usbsim: a program read no uevents for " AS_TEXT(LISTENER_WAIT_MS) " ms; uevents it has no room for "
				"are dropped, as a kernel drops them\n";
		said = write(2, line, sizeof line - 1) > 0;
	}
	long length = 0;
	for (unsigned long i = 0; i < message->msg_iovlen; i++)
		length += (long) message->msg_iov[i].iov_len;
	return length;
}
