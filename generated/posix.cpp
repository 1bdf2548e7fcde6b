// Generated from spec/errors.yaml by generator/; do not edit.
// Regenerate with: meson compile -C build regen

// errno <-> POSIX error atom. Every macro is behind #ifdef: an atom whose
// macro this platform lacks keeps its name and description but no errno.

#include <esock/posix.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <string_view>
#include <utility>

namespace esock {
namespace {

struct posix_entry {
    std::string_view name;
    std::string_view description;
    int errnum;  // -1 when this platform has no such errno
};

// Sorted by name, so lookups by atom text are binary searches.
constexpr std::array<posix_entry, 142> posix_entries = {{
#ifdef E2BIG
    {"e2big", "Too long argument list", E2BIG},
#else
    {"e2big", "Too long argument list", -1},
#endif
#ifdef EACCES
    {"eacces", "Permission denied", EACCES},
#else
    {"eacces", "Permission denied", -1},
#endif
#ifdef EADDRINUSE
    {"eaddrinuse", "Address already in use", EADDRINUSE},
#else
    {"eaddrinuse", "Address already in use", -1},
#endif
#ifdef EADDRNOTAVAIL
    {"eaddrnotavail", "Cannot assign requested address", EADDRNOTAVAIL},
#else
    {"eaddrnotavail", "Cannot assign requested address", -1},
#endif
#ifdef EADV
    {"eadv", "Advertise error", EADV},
#else
    {"eadv", "Advertise error", -1},
#endif
#ifdef EAFNOSUPPORT
    {"eafnosupport", "Address family not supported by protocol family", EAFNOSUPPORT},
#else
    {"eafnosupport", "Address family not supported by protocol family", -1},
#endif
#ifdef EAGAIN
    {"eagain", "Resource temporarily unavailable", EAGAIN},
#else
    {"eagain", "Resource temporarily unavailable", -1},
#endif
#ifdef EALIGN
    {"ealign", "EALIGN", EALIGN},
#else
    {"ealign", "EALIGN", -1},
#endif
#ifdef EALREADY
    {"ealready", "Operation already in progress", EALREADY},
#else
    {"ealready", "Operation already in progress", -1},
#endif
#ifdef EBADE
    {"ebade", "Bad exchange descriptor", EBADE},
#else
    {"ebade", "Bad exchange descriptor", -1},
#endif
#ifdef EBADF
    {"ebadf", "Bad file number", EBADF},
#else
    {"ebadf", "Bad file number", -1},
#endif
#ifdef EBADFD
    {"ebadfd", "File descriptor in bad state", EBADFD},
#else
    {"ebadfd", "File descriptor in bad state", -1},
#endif
#ifdef EBADMSG
    {"ebadmsg", "Not a data message", EBADMSG},
#else
    {"ebadmsg", "Not a data message", -1},
#endif
#ifdef EBADR
    {"ebadr", "Bad request descriptor", EBADR},
#else
    {"ebadr", "Bad request descriptor", -1},
#endif
#ifdef EBADRPC
    {"ebadrpc", "Bad RPC structure", EBADRPC},
#else
    {"ebadrpc", "Bad RPC structure", -1},
#endif
#ifdef EBADRQC
    {"ebadrqc", "Bad request code", EBADRQC},
#else
    {"ebadrqc", "Bad request code", -1},
#endif
#ifdef EBADSLT
    {"ebadslt", "Invalid slot", EBADSLT},
#else
    {"ebadslt", "Invalid slot", -1},
#endif
#ifdef EBFONT
    {"ebfont", "Bad font file format", EBFONT},
#else
    {"ebfont", "Bad font file format", -1},
#endif
#ifdef EBUSY
    {"ebusy", "File busy", EBUSY},
#else
    {"ebusy", "File busy", -1},
#endif
#ifdef ECHILD
    {"echild", "No children", ECHILD},
#else
    {"echild", "No children", -1},
#endif
#ifdef ECHRNG
    {"echrng", "Channel number out of range", ECHRNG},
#else
    {"echrng", "Channel number out of range", -1},
#endif
#ifdef ECOMM
    {"ecomm", "Communication error on send", ECOMM},
#else
    {"ecomm", "Communication error on send", -1},
#endif
#ifdef ECONNABORTED
    {"econnaborted", "Software caused connection abort", ECONNABORTED},
#else
    {"econnaborted", "Software caused connection abort", -1},
#endif
#ifdef ECONNREFUSED
    {"econnrefused", "Connection refused", ECONNREFUSED},
#else
    {"econnrefused", "Connection refused", -1},
#endif
#ifdef ECONNRESET
    {"econnreset", "Connection reset by peer", ECONNRESET},
#else
    {"econnreset", "Connection reset by peer", -1},
#endif
#ifdef EDEADLK
    {"edeadlk", "Resource deadlock avoided", EDEADLK},
#else
    {"edeadlk", "Resource deadlock avoided", -1},
#endif
#ifdef EDEADLOCK
    {"edeadlock", "Resource deadlock avoided", EDEADLOCK},
#else
    {"edeadlock", "Resource deadlock avoided", -1},
#endif
#ifdef EDESTADDRREQ
    {"edestaddrreq", "Destination address required", EDESTADDRREQ},
#else
    {"edestaddrreq", "Destination address required", -1},
#endif
#ifdef EDIRTY
    {"edirty", "Mounting a dirty fs without force", EDIRTY},
#else
    {"edirty", "Mounting a dirty fs without force", -1},
#endif
#ifdef EDOM
    {"edom", "Math argument out of range", EDOM},
#else
    {"edom", "Math argument out of range", -1},
#endif
#ifdef EDOTDOT
    {"edotdot", "Cross mount point", EDOTDOT},
#else
    {"edotdot", "Cross mount point", -1},
#endif
#ifdef EDQUOT
    {"edquot", "Disk quota exceeded", EDQUOT},
#else
    {"edquot", "Disk quota exceeded", -1},
#endif
#ifdef EDUPPKG
    {"eduppkg", "Duplicate package name", EDUPPKG},
#else
    {"eduppkg", "Duplicate package name", -1},
#endif
#ifdef EEXIST
    {"eexist", "File already exists", EEXIST},
#else
    {"eexist", "File already exists", -1},
#endif
#ifdef EFAULT
    {"efault", "Bad address in system call argument", EFAULT},
#else
    {"efault", "Bad address in system call argument", -1},
#endif
#ifdef EFBIG
    {"efbig", "File too large", EFBIG},
#else
    {"efbig", "File too large", -1},
#endif
#ifdef EFTYPE
    {"eftype", "Inappropriate file type or format", EFTYPE},
#else
    {"eftype", "Inappropriate file type or format", -1},
#endif
#ifdef EHOSTDOWN
    {"ehostdown", "Host is down", EHOSTDOWN},
#else
    {"ehostdown", "Host is down", -1},
#endif
#ifdef EHOSTUNREACH
    {"ehostunreach", "Host is unreachable", EHOSTUNREACH},
#else
    {"ehostunreach", "Host is unreachable", -1},
#endif
#ifdef EIDRM
    {"eidrm", "Identifier removed", EIDRM},
#else
    {"eidrm", "Identifier removed", -1},
#endif
#ifdef EILSEQ
    {"eilseq", "Illegal byte sequence", EILSEQ},
#else
    {"eilseq", "Illegal byte sequence", -1},
#endif
#ifdef EINIT
    {"einit", "Initialization error", EINIT},
#else
    {"einit", "Initialization error", -1},
#endif
#ifdef EINPROGRESS
    {"einprogress", "Operation now in progress", EINPROGRESS},
#else
    {"einprogress", "Operation now in progress", -1},
#endif
#ifdef EINTR
    {"eintr", "Interrupted system call", EINTR},
#else
    {"eintr", "Interrupted system call", -1},
#endif
#ifdef EINVAL
    {"einval", "Invalid argument", EINVAL},
#else
    {"einval", "Invalid argument", -1},
#endif
#ifdef EIO
    {"eio", "I/O error", EIO},
#else
    {"eio", "I/O error", -1},
#endif
#ifdef EISCONN
    {"eisconn", "Socket is already connected", EISCONN},
#else
    {"eisconn", "Socket is already connected", -1},
#endif
#ifdef EISDIR
    {"eisdir", "Illegal operation on a directory", EISDIR},
#else
    {"eisdir", "Illegal operation on a directory", -1},
#endif
#ifdef EISNAM
    {"eisnam", "Is a named file", EISNAM},
#else
    {"eisnam", "Is a named file", -1},
#endif
#ifdef EL2HLT
    {"el2hlt", "Level 2 halted", EL2HLT},
#else
    {"el2hlt", "Level 2 halted", -1},
#endif
#ifdef EL2NSYNC
    {"el2nsync", "Level 2 not synchronized", EL2NSYNC},
#else
    {"el2nsync", "Level 2 not synchronized", -1},
#endif
#ifdef EL3HLT
    {"el3hlt", "Level 3 halted", EL3HLT},
#else
    {"el3hlt", "Level 3 halted", -1},
#endif
#ifdef EL3RST
    {"el3rst", "Level 3 reset", EL3RST},
#else
    {"el3rst", "Level 3 reset", -1},
#endif
#ifdef ELBIN
    {"elbin", "ELBIN", ELBIN},
#else
    {"elbin", "ELBIN", -1},
#endif
#ifdef ELIBACC
    {"elibacc", "Cannot access a needed shared library", ELIBACC},
#else
    {"elibacc", "Cannot access a needed shared library", -1},
#endif
#ifdef ELIBBAD
    {"elibbad", "Accessing a corrupted shared library", ELIBBAD},
#else
    {"elibbad", "Accessing a corrupted shared library", -1},
#endif
#ifdef ELIBEXEC
    {"elibexec", "Cannot exec a shared library directly", ELIBEXEC},
#else
    {"elibexec", "Cannot exec a shared library directly", -1},
#endif
#ifdef ELIBMAX
    {"elibmax", "Attempting to link in more shared libraries than system limit", ELIBMAX},
#else
    {"elibmax", "Attempting to link in more shared libraries than system limit", -1},
#endif
#ifdef ELIBSCN
    {"elibscn", ".lib section in a.out corrupted", ELIBSCN},
#else
    {"elibscn", ".lib section in a.out corrupted", -1},
#endif
#ifdef ELNRNG
    {"elnrng", "Link number out of range", ELNRNG},
#else
    {"elnrng", "Link number out of range", -1},
#endif
#ifdef ELOOP
    {"eloop", "Too many levels of symbolic links", ELOOP},
#else
    {"eloop", "Too many levels of symbolic links", -1},
#endif
#ifdef EMFILE
    {"emfile", "Too many open files", EMFILE},
#else
    {"emfile", "Too many open files", -1},
#endif
#ifdef EMLINK
    {"emlink", "Too many links", EMLINK},
#else
    {"emlink", "Too many links", -1},
#endif
#ifdef EMSGSIZE
    {"emsgsize", "Message too long", EMSGSIZE},
#else
    {"emsgsize", "Message too long", -1},
#endif
#ifdef EMULTIHOP
    {"emultihop", "Multihop attempted", EMULTIHOP},
#else
    {"emultihop", "Multihop attempted", -1},
#endif
#ifdef ENAMETOOLONG
    {"enametoolong", "Filename too long", ENAMETOOLONG},
#else
    {"enametoolong", "Filename too long", -1},
#endif
#ifdef ENAVAIL
    {"enavail", "Unavailable", ENAVAIL},
#else
    {"enavail", "Unavailable", -1},
#endif
#ifdef ENET
    {"enet", "ENET", ENET},
#else
    {"enet", "ENET", -1},
#endif
#ifdef ENETDOWN
    {"enetdown", "Network is down", ENETDOWN},
#else
    {"enetdown", "Network is down", -1},
#endif
#ifdef ENETRESET
    {"enetreset", "Network dropped connection on reset", ENETRESET},
#else
    {"enetreset", "Network dropped connection on reset", -1},
#endif
#ifdef ENETUNREACH
    {"enetunreach", "Network is unreachable", ENETUNREACH},
#else
    {"enetunreach", "Network is unreachable", -1},
#endif
#ifdef ENFILE
    {"enfile", "File table overflow", ENFILE},
#else
    {"enfile", "File table overflow", -1},
#endif
#ifdef ENOANO
    {"enoano", "Anode table overflow", ENOANO},
#else
    {"enoano", "Anode table overflow", -1},
#endif
#ifdef ENOBUFS
    {"enobufs", "No buffer space available", ENOBUFS},
#else
    {"enobufs", "No buffer space available", -1},
#endif
#ifdef ENOCSI
    {"enocsi", "No CSI structure available", ENOCSI},
#else
    {"enocsi", "No CSI structure available", -1},
#endif
#ifdef ENODATA
    {"enodata", "No data available", ENODATA},
#else
    {"enodata", "No data available", -1},
#endif
#ifdef ENODEV
    {"enodev", "No such device", ENODEV},
#else
    {"enodev", "No such device", -1},
#endif
#ifdef ENOENT
    {"enoent", "No such file or directory", ENOENT},
#else
    {"enoent", "No such file or directory", -1},
#endif
#ifdef ENOEXEC
    {"enoexec", "Exec format error", ENOEXEC},
#else
    {"enoexec", "Exec format error", -1},
#endif
#ifdef ENOLCK
    {"enolck", "No locks available", ENOLCK},
#else
    {"enolck", "No locks available", -1},
#endif
#ifdef ENOLINK
    {"enolink", "Link has been severed", ENOLINK},
#else
    {"enolink", "Link has been severed", -1},
#endif
#ifdef ENOMEM
    {"enomem", "Not enough memory", ENOMEM},
#else
    {"enomem", "Not enough memory", -1},
#endif
#ifdef ENOMSG
    {"enomsg", "No message of desired type", ENOMSG},
#else
    {"enomsg", "No message of desired type", -1},
#endif
#ifdef ENONET
    {"enonet", "Machine is not on the network", ENONET},
#else
    {"enonet", "Machine is not on the network", -1},
#endif
#ifdef ENOPKG
    {"enopkg", "Package not installed", ENOPKG},
#else
    {"enopkg", "Package not installed", -1},
#endif
#ifdef ENOPROTOOPT
    {"enoprotoopt", "Bad protocol option", ENOPROTOOPT},
#else
    {"enoprotoopt", "Bad protocol option", -1},
#endif
#ifdef ENOSPC
    {"enospc", "No space left on device", ENOSPC},
#else
    {"enospc", "No space left on device", -1},
#endif
#ifdef ENOSR
    {"enosr", "Out of stream resources or not a stream device", ENOSR},
#else
    {"enosr", "Out of stream resources or not a stream device", -1},
#endif
#ifdef ENOSTR
    {"enostr", "Device not a stream", ENOSTR},
#else
    {"enostr", "Device not a stream", -1},
#endif
#ifdef ENOSYM
    {"enosym", "Unresolved symbol name", ENOSYM},
#else
    {"enosym", "Unresolved symbol name", -1},
#endif
#ifdef ENOSYS
    {"enosys", "Function not implemented", ENOSYS},
#else
    {"enosys", "Function not implemented", -1},
#endif
#ifdef ENOTBLK
    {"enotblk", "Block device required", ENOTBLK},
#else
    {"enotblk", "Block device required", -1},
#endif
#ifdef ENOTCONN
    {"enotconn", "Socket is not connected", ENOTCONN},
#else
    {"enotconn", "Socket is not connected", -1},
#endif
#ifdef ENOTDIR
    {"enotdir", "Not a directory", ENOTDIR},
#else
    {"enotdir", "Not a directory", -1},
#endif
#ifdef ENOTEMPTY
    {"enotempty", "Directory not empty", ENOTEMPTY},
#else
    {"enotempty", "Directory not empty", -1},
#endif
#ifdef ENOTNAM
    {"enotnam", "Not a named file", ENOTNAM},
#else
    {"enotnam", "Not a named file", -1},
#endif
#ifdef ENOTSOCK
    {"enotsock", "Socket operation on non-socket", ENOTSOCK},
#else
    {"enotsock", "Socket operation on non-socket", -1},
#endif
#ifdef ENOTSUP
    {"enotsup", "Operation not supported", ENOTSUP},
#else
    {"enotsup", "Operation not supported", -1},
#endif
#ifdef ENOTTY
    {"enotty", "Inappropriate device for ioctl", ENOTTY},
#else
    {"enotty", "Inappropriate device for ioctl", -1},
#endif
#ifdef ENOTUNIQ
    {"enotuniq", "Name not unique on network", ENOTUNIQ},
#else
    {"enotuniq", "Name not unique on network", -1},
#endif
#ifdef ENXIO
    {"enxio", "No such device or address", ENXIO},
#else
    {"enxio", "No such device or address", -1},
#endif
#ifdef EOPNOTSUPP
    {"eopnotsupp", "Operation not supported on socket", EOPNOTSUPP},
#else
    {"eopnotsupp", "Operation not supported on socket", -1},
#endif
#ifdef EOVERFLOW
    {"eoverflow", "Value too large for defined data type", EOVERFLOW},
#else
    {"eoverflow", "Value too large for defined data type", -1},
#endif
#ifdef EPERM
    {"eperm", "Not owner", EPERM},
#else
    {"eperm", "Not owner", -1},
#endif
#ifdef EPFNOSUPPORT
    {"epfnosupport", "Protocol family not supported", EPFNOSUPPORT},
#else
    {"epfnosupport", "Protocol family not supported", -1},
#endif
#ifdef EPIPE
    {"epipe", "Broken pipe", EPIPE},
#else
    {"epipe", "Broken pipe", -1},
#endif
#ifdef EPROCLIM
    {"eproclim", "Too many processes", EPROCLIM},
#else
    {"eproclim", "Too many processes", -1},
#endif
#ifdef EPROCUNAVAIL
    {"eprocunavail", "Bad procedure for program", EPROCUNAVAIL},
#else
    {"eprocunavail", "Bad procedure for program", -1},
#endif
#ifdef EPROGMISMATCH
    {"eprogmismatch", "Wrong program version", EPROGMISMATCH},
#else
    {"eprogmismatch", "Wrong program version", -1},
#endif
#ifdef EPROGUNAVAIL
    {"eprogunavail", "RPC program unavailable", EPROGUNAVAIL},
#else
    {"eprogunavail", "RPC program unavailable", -1},
#endif
#ifdef EPROTO
    {"eproto", "Protocol error", EPROTO},
#else
    {"eproto", "Protocol error", -1},
#endif
#ifdef EPROTONOSUPPORT
    {"eprotonosupport", "Protocol not supported", EPROTONOSUPPORT},
#else
    {"eprotonosupport", "Protocol not supported", -1},
#endif
#ifdef EPROTOTYPE
    {"eprototype", "Wrong protocol type for socket", EPROTOTYPE},
#else
    {"eprototype", "Wrong protocol type for socket", -1},
#endif
#ifdef ERANGE
    {"erange", "Math result unrepresentable", ERANGE},
#else
    {"erange", "Math result unrepresentable", -1},
#endif
#ifdef EREFUSED
    {"erefused", "EREFUSED", EREFUSED},
#else
    {"erefused", "EREFUSED", -1},
#endif
#ifdef EREMCHG
    {"eremchg", "Remote address changed", EREMCHG},
#else
    {"eremchg", "Remote address changed", -1},
#endif
#ifdef EREMDEV
    {"eremdev", "Remote device", EREMDEV},
#else
    {"eremdev", "Remote device", -1},
#endif
#ifdef EREMOTE
    {"eremote", "Pathname hit remote filesystem", EREMOTE},
#else
    {"eremote", "Pathname hit remote filesystem", -1},
#endif
#ifdef EREMOTEIO
    {"eremoteio", "Remote I/O error", EREMOTEIO},
#else
    {"eremoteio", "Remote I/O error", -1},
#endif
#ifdef EREMOTERELEASE
    {"eremoterelease", "EREMOTERELEASE", EREMOTERELEASE},
#else
    {"eremoterelease", "EREMOTERELEASE", -1},
#endif
#ifdef EROFS
    {"erofs", "Read-only filesystem", EROFS},
#else
    {"erofs", "Read-only filesystem", -1},
#endif
#ifdef ERPCMISMATCH
    {"erpcmismatch", "Wrong RPC version", ERPCMISMATCH},
#else
    {"erpcmismatch", "Wrong RPC version", -1},
#endif
#ifdef ERREMOTE
    {"erremote", "Object is remote", ERREMOTE},
#else
    {"erremote", "Object is remote", -1},
#endif
#ifdef ESHUTDOWN
    {"eshutdown", "Cannot send after socket shutdown", ESHUTDOWN},
#else
    {"eshutdown", "Cannot send after socket shutdown", -1},
#endif
#ifdef ESOCKTNOSUPPORT
    {"esocktnosupport", "Socket type not supported", ESOCKTNOSUPPORT},
#else
    {"esocktnosupport", "Socket type not supported", -1},
#endif
#ifdef ESPIPE
    {"espipe", "Invalid seek", ESPIPE},
#else
    {"espipe", "Invalid seek", -1},
#endif
#ifdef ESRCH
    {"esrch", "No such process", ESRCH},
#else
    {"esrch", "No such process", -1},
#endif
#ifdef ESRMNT
    {"esrmnt", "Srmount error", ESRMNT},
#else
    {"esrmnt", "Srmount error", -1},
#endif
#ifdef ESTALE
    {"estale", "Stale remote file handle", ESTALE},
#else
    {"estale", "Stale remote file handle", -1},
#endif
#ifdef ESUCCESS
    {"esuccess", "Error 0", ESUCCESS},
#else
    {"esuccess", "Error 0", -1},
#endif
#ifdef ETIME
    {"etime", "Timer expired", ETIME},
#else
    {"etime", "Timer expired", -1},
#endif
#ifdef ETIMEDOUT
    {"etimedout", "Connection timed out", ETIMEDOUT},
#else
    {"etimedout", "Connection timed out", -1},
#endif
#ifdef ETOOMANYREFS
    {"etoomanyrefs", "Too many references", ETOOMANYREFS},
#else
    {"etoomanyrefs", "Too many references", -1},
#endif
#ifdef ETXTBSY
    {"etxtbsy", "Text file or pseudo-device busy", ETXTBSY},
#else
    {"etxtbsy", "Text file or pseudo-device busy", -1},
#endif
#ifdef EUCLEAN
    {"euclean", "Structure needs cleaning", EUCLEAN},
#else
    {"euclean", "Structure needs cleaning", -1},
#endif
#ifdef EUNATCH
    {"eunatch", "Protocol driver not attached", EUNATCH},
#else
    {"eunatch", "Protocol driver not attached", -1},
#endif
#ifdef EUSERS
    {"eusers", "Too many users", EUSERS},
#else
    {"eusers", "Too many users", -1},
#endif
#ifdef EVERSION
    {"eversion", "Version mismatch", EVERSION},
#else
    {"eversion", "Version mismatch", -1},
#endif
#ifdef EWOULDBLOCK
    {"ewouldblock", "Operation would block", EWOULDBLOCK},
#else
    {"ewouldblock", "Operation would block", -1},
#endif
#ifdef EXDEV
    {"exdev", "Cross-device link", EXDEV},
#else
    {"exdev", "Cross-device link", -1},
#endif
#ifdef EXFULL
    {"exfull", "Message tables full", EXFULL},
#else
    {"exfull", "Message tables full", -1},
#endif
    {"nxdomain", "Hostname or domain name cannot be found", -1},
}};

constexpr bool sorted_by_name() {
    for (std::size_t i = 1; i < posix_entries.size(); ++i) {
        if (!(posix_entries[i - 1].name < posix_entries[i].name)) return false;
    }
    return true;
}
static_assert(sorted_by_name(), "the generator sorts the entries by name");

// The entry index reported for errno `errnum`, or -1. A switch, so that two
// macros with the same value cannot both be reported: the spec's yields_to
// guards remove the losing case, and a missing guard fails to compile.
int entry_for_errno(int errnum) {
    switch (errnum) {
#ifdef E2BIG
        case E2BIG:
            return 0;
#endif
#ifdef EACCES
        case EACCES:
            return 1;
#endif
#ifdef EADDRINUSE
        case EADDRINUSE:
            return 2;
#endif
#ifdef EADDRNOTAVAIL
        case EADDRNOTAVAIL:
            return 3;
#endif
#ifdef EADV
        case EADV:
            return 4;
#endif
#ifdef EAFNOSUPPORT
        case EAFNOSUPPORT:
            return 5;
#endif
#ifdef EAGAIN
        case EAGAIN:
            return 6;
#endif
#ifdef EALIGN
        case EALIGN:
            return 7;
#endif
#if defined(EALREADY) && !(defined(EBUSY) && EALREADY == EBUSY)
        case EALREADY:
            return 8;
#endif
#ifdef EBADE
        case EBADE:
            return 9;
#endif
#ifdef EBADF
        case EBADF:
            return 10;
#endif
#ifdef EBADFD
        case EBADFD:
            return 11;
#endif
#ifdef EBADMSG
        case EBADMSG:
            return 12;
#endif
#ifdef EBADR
        case EBADR:
            return 13;
#endif
#ifdef EBADRPC
        case EBADRPC:
            return 14;
#endif
#ifdef EBADRQC
        case EBADRQC:
            return 15;
#endif
#ifdef EBADSLT
        case EBADSLT:
            return 16;
#endif
#ifdef EBFONT
        case EBFONT:
            return 17;
#endif
#ifdef EBUSY
        case EBUSY:
            return 18;
#endif
#ifdef ECHILD
        case ECHILD:
            return 19;
#endif
#ifdef ECHRNG
        case ECHRNG:
            return 20;
#endif
#ifdef ECOMM
        case ECOMM:
            return 21;
#endif
#ifdef ECONNABORTED
        case ECONNABORTED:
            return 22;
#endif
#ifdef ECONNREFUSED
        case ECONNREFUSED:
            return 23;
#endif
#ifdef ECONNRESET
        case ECONNRESET:
            return 24;
#endif
#if defined(EDEADLK) && !(defined(EWOULDBLOCK) && EDEADLK == EWOULDBLOCK)
        case EDEADLK:
            return 25;
#endif
#if defined(EDEADLOCK) && !(defined(EDEADLK) && EDEADLOCK == EDEADLK)
        case EDEADLOCK:
            return 26;
#endif
#ifdef EDESTADDRREQ
        case EDESTADDRREQ:
            return 27;
#endif
#ifdef EDIRTY
        case EDIRTY:
            return 28;
#endif
#ifdef EDOM
        case EDOM:
            return 29;
#endif
#ifdef EDOTDOT
        case EDOTDOT:
            return 30;
#endif
#ifdef EDQUOT
        case EDQUOT:
            return 31;
#endif
#ifdef EDUPPKG
        case EDUPPKG:
            return 32;
#endif
#ifdef EEXIST
        case EEXIST:
            return 33;
#endif
#ifdef EFAULT
        case EFAULT:
            return 34;
#endif
#ifdef EFBIG
        case EFBIG:
            return 35;
#endif
#ifdef EFTYPE
        case EFTYPE:
            return 36;
#endif
#ifdef EHOSTDOWN
        case EHOSTDOWN:
            return 37;
#endif
#ifdef EHOSTUNREACH
        case EHOSTUNREACH:
            return 38;
#endif
#if defined(EIDRM) && !(defined(EINPROGRESS) && EIDRM == EINPROGRESS)
        case EIDRM:
            return 39;
#endif
#ifdef EILSEQ
        case EILSEQ:
            return 40;
#endif
#ifdef EINIT
        case EINIT:
            return 41;
#endif
#ifdef EINPROGRESS
        case EINPROGRESS:
            return 42;
#endif
#ifdef EINTR
        case EINTR:
            return 43;
#endif
#ifdef EINVAL
        case EINVAL:
            return 44;
#endif
#ifdef EIO
        case EIO:
            return 45;
#endif
#ifdef EISCONN
        case EISCONN:
            return 46;
#endif
#ifdef EISDIR
        case EISDIR:
            return 47;
#endif
#ifdef EISNAM
        case EISNAM:
            return 48;
#endif
#ifdef EL2HLT
        case EL2HLT:
            return 49;
#endif
#ifdef EL2NSYNC
        case EL2NSYNC:
            return 50;
#endif
#ifdef EL3HLT
        case EL3HLT:
            return 51;
#endif
#ifdef EL3RST
        case EL3RST:
            return 52;
#endif
#ifdef ELBIN
        case ELBIN:
            return 53;
#endif
#ifdef ELIBACC
        case ELIBACC:
            return 54;
#endif
#ifdef ELIBBAD
        case ELIBBAD:
            return 55;
#endif
#ifdef ELIBEXEC
        case ELIBEXEC:
            return 56;
#endif
#ifdef ELIBMAX
        case ELIBMAX:
            return 57;
#endif
#ifdef ELIBSCN
        case ELIBSCN:
            return 58;
#endif
#ifdef ELNRNG
        case ELNRNG:
            return 59;
#endif
#if defined(ELOOP) && !(defined(ENOENT) && ELOOP == ENOENT)
        case ELOOP:
            return 60;
#endif
#ifdef EMFILE
        case EMFILE:
            return 61;
#endif
#ifdef EMLINK
        case EMLINK:
            return 62;
#endif
#ifdef EMSGSIZE
        case EMSGSIZE:
            return 63;
#endif
#ifdef EMULTIHOP
        case EMULTIHOP:
            return 64;
#endif
#ifdef ENAMETOOLONG
        case ENAMETOOLONG:
            return 65;
#endif
#ifdef ENAVAIL
        case ENAVAIL:
            return 66;
#endif
#ifdef ENET
        case ENET:
            return 67;
#endif
#ifdef ENETDOWN
        case ENETDOWN:
            return 68;
#endif
#ifdef ENETRESET
        case ENETRESET:
            return 69;
#endif
#ifdef ENETUNREACH
        case ENETUNREACH:
            return 70;
#endif
#ifdef ENFILE
        case ENFILE:
            return 71;
#endif
#ifdef ENOANO
        case ENOANO:
            return 72;
#endif
#if defined(ENOBUFS) && !(defined(ENOSR) && ENOBUFS == ENOSR)
        case ENOBUFS:
            return 73;
#endif
#ifdef ENOCSI
        case ENOCSI:
            return 74;
#endif
#if defined(ENODATA) && !(defined(ECONNREFUSED) && ENODATA == ECONNREFUSED)
        case ENODATA:
            return 75;
#endif
#ifdef ENODEV
        case ENODEV:
            return 76;
#endif
#ifdef ENOENT
        case ENOENT:
            return 77;
#endif
#ifdef ENOEXEC
        case ENOEXEC:
            return 78;
#endif
#ifdef ENOLCK
        case ENOLCK:
            return 79;
#endif
#ifdef ENOLINK
        case ENOLINK:
            return 80;
#endif
#ifdef ENOMEM
        case ENOMEM:
            return 81;
#endif
#ifdef ENOMSG
        case ENOMSG:
            return 82;
#endif
#ifdef ENONET
        case ENONET:
            return 83;
#endif
#ifdef ENOPKG
        case ENOPKG:
            return 84;
#endif
#ifdef ENOPROTOOPT
        case ENOPROTOOPT:
            return 85;
#endif
#ifdef ENOSPC
        case ENOSPC:
            return 86;
#endif
#if defined(ENOSR) && !(defined(ENAMETOOLONG) && ENOSR == ENAMETOOLONG)
        case ENOSR:
            return 87;
#endif
#if defined(ENOSTR) && !(defined(ENOTTY) && ENOSTR == ENOTTY)
        case ENOSTR:
            return 88;
#endif
#ifdef ENOSYM
        case ENOSYM:
            return 89;
#endif
#ifdef ENOSYS
        case ENOSYS:
            return 90;
#endif
#ifdef ENOTBLK
        case ENOTBLK:
            return 91;
#endif
#ifdef ENOTCONN
        case ENOTCONN:
            return 92;
#endif
#ifdef ENOTDIR
        case ENOTDIR:
            return 93;
#endif
#if defined(ENOTEMPTY) && !(defined(EEXIST) && ENOTEMPTY == EEXIST)
        case ENOTEMPTY:
            return 94;
#endif
#ifdef ENOTNAM
        case ENOTNAM:
            return 95;
#endif
#ifdef ENOTSOCK
        case ENOTSOCK:
            return 96;
#endif
#ifdef ENOTSUP
        case ENOTSUP:
            return 97;
#endif
#ifdef ENOTTY
        case ENOTTY:
            return 98;
#endif
#ifdef ENOTUNIQ
        case ENOTUNIQ:
            return 99;
#endif
#ifdef ENXIO
        case ENXIO:
            return 100;
#endif
#if defined(EOPNOTSUPP) && !(defined(ENOTSUP) && EOPNOTSUPP == ENOTSUP)
        case EOPNOTSUPP:
            return 101;
#endif
#ifdef EOVERFLOW
        case EOVERFLOW:
            return 102;
#endif
#ifdef EPERM
        case EPERM:
            return 103;
#endif
#if defined(EPFNOSUPPORT) && !(defined(ENOLCK) && EPFNOSUPPORT == ENOLCK)
        case EPFNOSUPPORT:
            return 104;
#endif
#ifdef EPIPE
        case EPIPE:
            return 105;
#endif
#ifdef EPROCLIM
        case EPROCLIM:
            return 106;
#endif
#ifdef EPROCUNAVAIL
        case EPROCUNAVAIL:
            return 107;
#endif
#ifdef EPROGMISMATCH
        case EPROGMISMATCH:
            return 108;
#endif
#ifdef EPROGUNAVAIL
        case EPROGUNAVAIL:
            return 109;
#endif
#ifdef EPROTO
        case EPROTO:
            return 110;
#endif
#ifdef EPROTONOSUPPORT
        case EPROTONOSUPPORT:
            return 111;
#endif
#ifdef EPROTOTYPE
        case EPROTOTYPE:
            return 112;
#endif
#ifdef ERANGE
        case ERANGE:
            return 113;
#endif
#if defined(EREFUSED) && !(defined(ECONNREFUSED) && EREFUSED == ECONNREFUSED)
        case EREFUSED:
            return 114;
#endif
#ifdef EREMCHG
        case EREMCHG:
            return 115;
#endif
#ifdef EREMDEV
        case EREMDEV:
            return 116;
#endif
#ifdef EREMOTE
        case EREMOTE:
            return 117;
#endif
#ifdef EREMOTEIO
        case EREMOTEIO:
            return 118;
#endif
#ifdef EREMOTERELEASE
        case EREMOTERELEASE:
            return 119;
#endif
#ifdef EROFS
        case EROFS:
            return 120;
#endif
#ifdef ERPCMISMATCH
        case ERPCMISMATCH:
            return 121;
#endif
#ifdef ERREMOTE
        case ERREMOTE:
            return 122;
#endif
#ifdef ESHUTDOWN
        case ESHUTDOWN:
            return 123;
#endif
#ifdef ESOCKTNOSUPPORT
        case ESOCKTNOSUPPORT:
            return 124;
#endif
#ifdef ESPIPE
        case ESPIPE:
            return 125;
#endif
#ifdef ESRCH
        case ESRCH:
            return 126;
#endif
#ifdef ESRMNT
        case ESRMNT:
            return 127;
#endif
#ifdef ESTALE
        case ESTALE:
            return 128;
#endif
#ifdef ESUCCESS
        case ESUCCESS:
            return 129;
#endif
#if defined(ETIME) && !(defined(ELOOP) && ETIME == ELOOP)
        case ETIME:
            return 130;
#endif
#if defined(ETIMEDOUT) && !(defined(ENOSTR) && ETIMEDOUT == ENOSTR) && \
    !(defined(EAGAIN) && ETIMEDOUT == EAGAIN)
        case ETIMEDOUT:
            return 131;
#endif
#ifdef ETOOMANYREFS
        case ETOOMANYREFS:
            return 132;
#endif
#ifdef ETXTBSY
        case ETXTBSY:
            return 133;
#endif
#ifdef EUCLEAN
        case EUCLEAN:
            return 134;
#endif
#ifdef EUNATCH
        case EUNATCH:
            return 135;
#endif
#ifdef EUSERS
        case EUSERS:
            return 136;
#endif
#ifdef EVERSION
        case EVERSION:
            return 137;
#endif
#if defined(EWOULDBLOCK) && !(defined(EAGAIN) && EWOULDBLOCK == EAGAIN)
        case EWOULDBLOCK:
            return 138;
#endif
#ifdef EXDEV
        case EXDEV:
            return 139;
#endif
#ifdef EXFULL
        case EXFULL:
            return 140;
#endif
        default:
            return -1;
    }
}

const posix_entry* find_by_name(std::string_view name) {
    auto it = std::lower_bound(posix_entries.begin(), posix_entries.end(), name,
                               [](const posix_entry& e, std::string_view n) { return e.name < n; });
    if (it == posix_entries.end() || it->name != name) return nullptr;
    return &*it;
}

// atom has no default constructor, hence the pack expansion.
template <std::size_t... I>
std::array<atom, sizeof...(I)> intern_all(std::index_sequence<I...> /*indices*/) {
    return {atom(posix_entries[I].name)...};
}

}  // namespace

atom posix_error_atom(int errnum) {
    // Interned once; afterwards a lookup costs the switch only.
    static const auto atoms = intern_all(std::make_index_sequence<posix_entries.size()>());
    static const atom unknown("unknown");
    const int index = entry_for_errno(errnum);
    return index < 0 ? unknown : atoms[static_cast<std::size_t>(index)];
}

std::optional<int> posix_errno(atom a) {
    const posix_entry* e = find_by_name(a.name());
    if (e == nullptr || e->errnum < 0) return std::nullopt;
    return e->errnum;
}

std::optional<std::string_view> posix_error_description(atom a) {
    const posix_entry* e = find_by_name(a.name());
    if (e == nullptr) return std::nullopt;
    return e->description;
}

}  // namespace esock
