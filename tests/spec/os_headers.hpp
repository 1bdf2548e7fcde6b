// SPDX-License-Identifier: Apache-2.0
// The platform headers the generated tables are compiled against. The build
// runs the preprocessor over this file (-dM) so that the consistency test
// knows which constants this platform defines, without the generator.
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/errqueue.h>
#include <linux/if.h>
#include <linux/in6.h>
#include <linux/sctp.h>
