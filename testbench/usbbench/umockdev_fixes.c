/* Preloaded into the bench and, before umockdev's own library, into every program under it: places where
 * umockdev 0.17.16 emulates the kernel in a way that breaks where a kernel does not: its uevent netlink under load,
 * realpath() of a tty node, tcsetattr() on one, which it does not route to the bench, and fork() in a program
 * with threads.
 * No headers: it builds with any C compiler, libc6-dev or not. */
typedef unsigned int socklen_t;
struct sockaddr { unsigned short sa_family; char sa_data[14]; };
struct sockaddr_un { unsigned short sun_family; char sun_path[108]; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; unsigned long msg_iovlen;
		void *msg_control; unsigned long msg_controllen; int msg_flags; };
struct pollfd { int fd; short events; short revents; };
struct sockaddr_nl { unsigned short nl_family; unsigned short nl_pad; unsigned int nl_pid; unsigned int nl_groups; };
struct cmsghdr { unsigned long cmsg_len; int cmsg_level; int cmsg_type; };
struct ucred { int pid; unsigned int uid; unsigned int gid; };
extern void *dlsym(void *handle, const char *symbol);
extern int *__errno_location(void);
extern int usleep(unsigned int usec);
extern int poll(struct pollfd *fds, unsigned long count, int timeout_ms);
extern char *getenv(const char *name);
extern int strncmp(const char *a, const char *b, unsigned long length);
extern unsigned long strlen(const char *text);
extern long write(int fd, const void *buffer, unsigned long length);
extern long readlink(const char *path, char *buffer, unsigned long size);
extern int ioctl(int fd, unsigned long request, ...);
extern void *malloc(unsigned long size);
extern int pthread_mutex_lock(void *mutex);
extern int pthread_mutex_unlock(void *mutex);
extern int __register_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void), void *dso);
#define RTLD_NEXT ((void *) -1l)
#define AF_UNIX 1
#define AF_NETLINK 16
#define ENOENT 2
#define EAGAIN 11
#define EADDRINUSE 98
#define ECONNREFUSED 111
#define POLLOUT 4
#define BIND_TRIES 20
#define LISTENER_WAIT_MS 200
#define KERNEL_TERMIOS_SIZE 36                  /* c_iflag c_oflag c_cflag c_lflag c_line c_cc[19] */
#define USBSIM_TERMIOS 0x402454feul             /* _IOW('T', 0xfe, kernel termios): usbbench/cdc_acm.py */
#define IBAUD0 0x80000000u
#define SOL_SOCKET 1
#define SCM_CREDENTIALS 2
#define KERNEL_GROUP 1                          /* a netlink uevent socket's group for the kernel's own messages */
#define LIBUDEV_HEADER 40                       /* struct udev_monitor_netlink_header */
#define UEVENT_MAX 8192
#define WATCHED_FDS 4096
#define PATH_MAX 4096
#define GONE "/dev/.usbbench-gone/"         /* cdc_acm.py's GONE */
#define TEXT(number) #number
#define AS_TEXT(number) TEXT(number)

/* In programs: umockdev's preload holds its path lock (the exported trap_path_lock) across each path call (open,
 * stat, readlink...). A child forked while another thread held it inherited it held and waited forever in its first
 * such call before its exec: a headless Chromium under the bench never loaded a page so. A fork here waits until
 * no thread holds the lock, and parent and child release it after, as libraries with locks do with pthread_atfork()
 * (glibc's __register_atfork() is what pthread_atfork() calls; this library links no libc_nonshared). posix_spawn()
 * and vfork() run no fork handlers, and need none: their child calls no preloaded function. */
static void *path_lock;

static void hold_path_lock(void)
{
	pthread_mutex_lock(path_lock);
}

static void release_path_lock(void)
{
	pthread_mutex_unlock(path_lock);
}

__attribute__((constructor)) static void guard_path_lock_across_fork(void)
{
	path_lock = dlsym(RTLD_NEXT, "trap_path_lock");
	if (path_lock != 0)
		__register_atfork(hold_path_lock, release_path_lock, release_path_lock, 0);
}

/* The uevent sockets a program bound to the kernel's group (kernel_uevent). */
static unsigned char kernel_listener[WATCHED_FDS];

/* In programs: umockdev binds each emulated netlink socket to "$UMOCKDEV_DIR/event<fd>". Programs started at once
 * get the same fd number, and one unlinks the other's path just before both bind, so one bind fails (EADDRINUSE)
 * and libusb_init with it. A bind that fails so is tried again. */
int bind(int fd, const struct sockaddr *address, socklen_t length)
{
	static int (*next)(int, const struct sockaddr *, socklen_t);
	if (next == 0)
		next = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "bind");
	if (address != 0 && address->sa_family == AF_NETLINK && fd >= 0 && fd < WATCHED_FDS)
		kernel_listener[fd] = ((const struct sockaddr_nl *) address)->nl_groups == KERNEL_GROUP;
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

/* The value of `key` among a uevent's properties (KEY=VALUE strings one after another), or 0. */
static const char *uevent_value(const char *properties, unsigned long length, const char *key)
{
	unsigned long key_length = strlen(key);
	for (unsigned long at = 0; at < length && properties[at];) {
		const char *entry = properties + at;
		if (strncmp(entry, key, key_length) == 0 && entry[key_length] == '=')
			return entry + key_length + 1;
		at += strlen(entry) + 1;
	}
	return 0;
}

/* In programs: umockdev sends each uevent as udevd passes it on (libudev's form, from udevd's group), which libudev's
 * monitors read. A kernel sends it first to its own group, as "ACTION@DEVPATH" and the properties, from pid 0 and
 * uid 0: what libusb built without udev listens to (the dfu-util DFU Tools builds). A socket bound to the kernel's
 * group gets that form. */
static long kernel_uevent(struct msghdr *message, long length)
{
	char *data = (char *) message->msg_iov[0].iov_base;
	unsigned long room = message->msg_iov[0].iov_len;
	if (length < LIBUDEV_HEADER || strncmp(data, "libudev", 8) != 0)
		return length;
	unsigned int offset = *(unsigned int *) (data + 16), size = *(unsigned int *) (data + 20);
	if (offset < LIBUDEV_HEADER || offset + size > (unsigned long) length)
		return length;
	const char *action = uevent_value(data + offset, size, "ACTION"), *path = uevent_value(data + offset, size, "DEVPATH");
	if (action == 0 || path == 0)
		return length;
	char uevent[UEVENT_MAX];
	unsigned long at = 0, action_length = strlen(action), path_length = strlen(path);
	if (action_length + path_length + 2 + size > sizeof uevent || action_length + path_length + 2 + size > room)
		return length;
	for (unsigned long i = 0; i < action_length; i++)
		uevent[at++] = action[i];
	uevent[at++] = '@';
	for (unsigned long i = 0; i <= path_length; i++)
		uevent[at++] = path[i];
	for (unsigned long i = 0; i < size; i++)
		uevent[at++] = data[offset + i];
	for (unsigned long i = 0; i < at; i++)
		data[i] = uevent[i];
	if (message->msg_name != 0) {       /* umockdev has written a netlink sender there, whatever msg_namelen says */
		((struct sockaddr_nl *) message->msg_name)->nl_groups = KERNEL_GROUP;
		((struct sockaddr_nl *) message->msg_name)->nl_pid = 0;
	}
	if (message->msg_control != 0 && message->msg_controllen >= sizeof(struct cmsghdr) + sizeof(struct ucred)) {
		struct cmsghdr *first = (struct cmsghdr *) message->msg_control;
		if (first->cmsg_level == SOL_SOCKET && first->cmsg_type == SCM_CREDENTIALS)
			((struct ucred *) (first + 1))->uid = 0;
	}
	return (long) at;
}

long recvmsg(int fd, struct msghdr *message, int flags)
{
	static long (*next)(int, struct msghdr *, int);
	if (next == 0)
		next = (long (*)(int, struct msghdr *, int)) dlsym(RTLD_NEXT, "recvmsg");
	long length = next(fd, message, flags);
	if (length > 0 && fd >= 0 && fd < WATCHED_FDS && kernel_listener[fd] && message != 0 && message->msg_iovlen >= 1
			&& getenv("UMOCKDEV_DIR") != 0)
		length = kernel_uevent(message, length);
	return length;
}

/* The target of the testbed's link for a plain /dev path (a serial port's node, usbbench/cdc_acm.py), cut to `size`
 * bytes: its length, or -1 when the path has none. */
static long testbed_link(const char *path, char *target, unsigned long size)
{
	const char *testbed = getenv("UMOCKDEV_DIR");
	char node[PATH_MAX];
	if (testbed == 0 || path == 0 || strncmp(path, "/dev/", 5) != 0)
		return -1;
	unsigned long length = strlen(testbed), at = 0;
	if (length + strlen(path) >= sizeof node)
		return -1;
	for (unsigned long i = 0; path[i]; i++)
		if (path[i] == '/' && (path[i + 1] == '/' || path[i + 1] == '.' || path[i + 1] == 0))
			return -1;      /* not a plain path: left to umockdev */
	for (unsigned long i = 0; i < length; i++)
		node[at++] = testbed[i];
	for (unsigned long i = 0; path[i]; i++)
		node[at++] = path[i];
	node[at] = 0;
	int saved = *__errno_location();
	long got = readlink(node, target, size);
	*__errno_location() = saved;
	return got;
}

/* In programs: a serial port's node is a link from the testbed's /dev to the slave of a pty, which umockdev's stat()
 * shows as a character device. */
static int tty_node(const char *path)
{
	char target[16];
	long got = testbed_link(path, target, sizeof target);
	return got > 5 && strncmp(target, "/dev/", 5) == 0;
}

/* In programs: the node of a serial port whose board left points into GONE (cdc_acm.py's _point). umockdev's open()
 * passes it to the system, which fails (ENOENT), and then still connects the node's ioctl socket while the bench
 * keeps it, into a table of 50 connections that a failed open never leaves: a program that opened a port as its
 * board left aborted ("fd_map_add(): overflow"). Such an open fails here, as the kernel's does, before umockdev
 * sees it. (umockdev's openat() and fopen() connect no socket when the open fails.) */
static int gone_tty(const char *path)
{
	char target[sizeof GONE];
	return testbed_link(path, target, sizeof target) == sizeof target && strncmp(target, GONE, sizeof GONE - 1) == 0;
}

/* open()'s mode is read only with O_CREAT or O_TMPFILE: passed on as a third argument, which the x86-64 and aarch64
 * calling conventions place where a variadic one is. */
#define GONE_TTY_OPEN(name) \
int name(const char *path, int flags, unsigned int mode) \
{ \
	static int (*next)(const char *, int, unsigned int); \
	if (next == 0) \
		next = (int (*)(const char *, int, unsigned int)) dlsym(RTLD_NEXT, #name); \
	if (gone_tty(path)) { \
		*__errno_location() = ENOENT; \
		return -1; \
	} \
	return next(path, flags, mode); \
}
GONE_TTY_OPEN(open)
GONE_TTY_OPEN(open64)
GONE_TTY_OPEN(__open_2)
GONE_TTY_OPEN(__open64_2)

static char *own_path(const char *path, char *resolved)
{
	unsigned long length = strlen(path);
	if (resolved == 0 && (resolved = (char *) malloc(length + 1)) == 0)
		return 0;
	for (unsigned long i = 0; i <= length; i++)
		resolved[i] = path[i];
	return resolved;
}

/* umockdev's realpath() cuts the testbed's directory off whatever the real realpath() returns: for a tty node that lies
 * outside the testbed, the cut underflows and the program crashed (a JVM in File.getCanonicalPath). Such a node is a
 * character device to the program, so its real path is its own, as a kernel's /dev/ttyACM0 is. */
char *realpath(const char *path, char *resolved)
{
	static char *(*next)(const char *, char *);
	if (next == 0)
		next = (char *(*)(const char *, char *)) dlsym(RTLD_NEXT, "realpath");
	return tty_node(path) ? own_path(path, resolved) : next(path, resolved);
}

char *__realpath_chk(const char *path, char *resolved, unsigned long size)
{
	static char *(*next)(const char *, char *, unsigned long);
	if (next == 0)
		next = (char *(*)(const char *, char *, unsigned long)) dlsym(RTLD_NEXT, "__realpath_chk");
	return tty_node(path) && (resolved == 0 || size > strlen(path)) ? own_path(path, resolved) : next(path, resolved, size);
}

char *canonicalize_file_name(const char *path)
{
	static char *(*next)(const char *);
	if (next == 0)
		next = (char *(*)(const char *)) dlsym(RTLD_NEXT, "canonicalize_file_name");
	return tty_node(path) ? own_path(path, 0) : next(path);
}

/* glibc's tcsetattr() makes its ioctl with a direct system call, which umockdev's preload cannot route to the bench; a
 * kernel's cdc_acm sends the board the new line coding (SET_LINE_CODING) from within tcsetattr(). After it, the
 * bench's own request USBSIM_TERMIOS, through ioctl(), which umockdev routes for the bench's nodes, tells the bench
 * what the program asked for: a pty keeps neither parity nor a character size other than 8 bits, and the line coding
 * has both. (Elsewhere no driver knows that request: ENOTTY, and errno is kept.) The kernel's termios is the start
 * of glibc's struct termios; IBAUD0 is a flag of glibc's own. */
int tcsetattr(int fd, int action, const void *termios)
{
	static int (*next)(int, int, const void *);
	if (next == 0)
		next = (int (*)(int, int, const void *)) dlsym(RTLD_NEXT, "tcsetattr");
	int result = next(fd, action, termios);
	if (result == 0 && getenv("UMOCKDEV_DIR") != 0) {
		int saved = *__errno_location();
		unsigned char kernel_termios[KERNEL_TERMIOS_SIZE];
		for (int i = 0; i < KERNEL_TERMIOS_SIZE; i++)
			kernel_termios[i] = ((const unsigned char *) termios)[i];
		kernel_termios[3] &= ~(IBAUD0 >> 24);
		ioctl(fd, USBSIM_TERMIOS, kernel_termios);
		*__errno_location() = saved;
	}
	return result;
}
