/* Preloaded (first) into programs under the bench. umockdev's preload binds each emulated netlink socket to
 * "$UMOCKDEV_DIR/event<fd>": programs started at once get the same fd number, and one unlinks the other's path
 * just before both bind, so one bind fails (EADDRINUSE) and libusb_init with it. The kernel's netlink has no such
 * race; a bind that fails so is tried again here. No headers: it builds with any C compiler, libc6-dev or not. */
typedef unsigned int socklen_t;
struct sockaddr { unsigned short sa_family; char sa_data[14]; };
extern void *dlsym(void *handle, const char *symbol);
extern int *__errno_location(void);
extern int usleep(unsigned int usec);
#define RTLD_NEXT ((void *) -1l)
#define AF_NETLINK 16
#define EADDRINUSE 98
#define TRIES 20

int bind(int fd, const struct sockaddr *address, socklen_t length)
{
	static int (*next)(int, const struct sockaddr *, socklen_t);
	if (next == 0)
		next = (int (*)(int, const struct sockaddr *, socklen_t)) dlsym(RTLD_NEXT, "bind");
	int result = next(fd, address, length);
	for (int tries = 1; result < 0 && *__errno_location() == EADDRINUSE && address != 0
			&& address->sa_family == AF_NETLINK && tries < TRIES; tries++) {
		usleep(1000 * tries);
		result = next(fd, address, length);
	}
	return result;
}
