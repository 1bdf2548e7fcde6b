# SPDX-License-Identifier: Apache-2.0
"""The spec as Python dataclasses: what the templates loop over. Every
derived field (C++ names, preprocessor conditions, sizes) is filled in by
spec.py, so templates only print."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .packets import PacketSpec


@dataclass
class ErrorAtom:
    """A POSIX error atom (spec/errors.yaml)."""

    atom: str
    constant: Optional[str]
    yields_to_constants: List[str]
    manual: bool
    doc: str
    line: int
    text: str = ""  # what inet:format_error/1 returns for the atom


@dataclass
class Alternative:
    """One way to get a C constant: use `constant` when `condition` holds."""

    condition: str
    constant: str


@dataclass
class Named:
    """A name with a C constant and doc: domains, socket types, protocols,
    msg flags, ioctl requests and flags."""

    name: str
    constants: List[str]
    doc: str
    alternatives: List[Alternative]
    where: List[str] = field(default_factory=list)  # msg flags only
    access: str = ""  # ioctl requests only
    where_bits: str = "0"
    openable: bool = True  # domains and socket types: open/2,3,4 takes the name


@dataclass
class Level:
    name: str
    constants: List[str]
    doc: str
    native: bool
    alternatives: List[Alternative]
    index: int = 0


@dataclass
class EnumValue:
    atom: str
    constant: Optional[str]
    value: Optional[int]


@dataclass
class Field:
    key: str
    field: str
    type: "ValueType"
    put_fn: str = ""
    get_fn: str = ""


@dataclass
class Shorthand:
    atom: str
    entries: List[Tuple[str, str]]  # (map key, C++ expression of the value term)


@dataclass
class ValueType:
    name: str
    kind: str
    doc: str
    ctype: str = ""
    integer_fallback: bool = False
    decode_mask: str = ""  # enum: a C macro the read-back value is masked with
    value_range: Optional[Tuple[int, int]] = None  # int: OTP's own (min, max) check
    values: List[EnumValue] = field(default_factory=list)
    specials: List[Tuple[str, int]] = field(default_factory=list)
    max_length: int = 0
    get_size: int = 0
    fields: List[Field] = field(default_factory=list)
    shorthands: List[Shorthand] = field(default_factory=list)
    codec: str = ""
    line: int = 0
    # derived
    index: int = 0
    put_fn: str = ""  # bool/int/enum/address: the primitive storing a term in a C lvalue
    get_fn: str = ""  # ... and the one reading it back
    can_encode: bool = False
    can_decode: bool = False
    encode_fn: str = "nullptr"
    decode_fn: str = "nullptr"
    native_size: str = "0"
    erlang_shape: str = ""  # for docs


@dataclass
class Option:
    level: Level
    name: str
    constants: List[str]
    guard: Optional[str]
    type: Optional[ValueType]
    access: str
    disabled: Optional[str]
    doc: str
    source: str  # spec file, for docs
    line: int
    number: int = 0  # otp options: OTP's own number for the option
    default: object = None  # otp options: a new socket's value (int or bool)
    alternatives: List[Alternative] = field(default_factory=list)
    type_ref: str = "nullptr"
    supported_expr: str = "false"
    usable_expr: str = "false"


@dataclass
class Cmsg:
    level: Level
    type: str
    constant: str
    direction: str
    send_value: Optional[ValueType]
    recv_value: Optional[ValueType]
    doc: str
    line: int
    send_ref: str = "nullptr"
    recv_ref: str = "nullptr"


@dataclass
class Feature:
    name: str
    condition: str
    doc: str


@dataclass
class Counter:
    name: str
    doc: str
    # What it counts (spec `counts`): "", or the kind (sockets, domain, type,
    # protocol, value) and the C++ expression of its argument.
    counts_kind: str = ""
    counts_arg: str = "0"


@dataclass
class CounterGroup:
    """One map of statistics counters (spec/counters.yaml)."""

    name: str
    doc: str
    counters: List[Counter]
    counts_rules: bool = False  # every counter says what it counts


@dataclass
class IoctlRequest:
    """A request of ioctl/2,3,4 with the argument it takes and the value it
    reads or writes (spec/ioctl.yaml); generator/ioctl.py builds these."""

    name: str
    access: str
    argument: str
    value: str
    doc: str
    listed: int = -1  # index into ioctl_requests; -1: OTP 25's NIF does not list it
    starts_from: int = -1  # index into Ioctl.requests of the get a set starts from


@dataclass
class Ioctl:
    """What ioctl/2,3,4 needs beyond the request and flag tables."""

    requests: List[IoctlRequest] = field(default_factory=list)  # listed first, in spec order
    # (index into ioctl_flags, name), in OTP's order
    flag_order: List[Tuple[int, str]] = field(default_factory=list)
    hardware_types: List[Named] = field(default_factory=list)


@dataclass
class Spec:
    """Everything the templates see."""

    errors: List[ErrorAtom] = field(default_factory=list)
    # inet:format_error/1: reasons with a text that are not POSIX atoms
    # (sorted by atom), and the text of every other term
    other_reasons: List[ErrorAtom] = field(default_factory=list)
    unknown_error_text: str = ""
    levels: List[Level] = field(default_factory=list)
    types: List[ValueType] = field(default_factory=list)
    options: List[Option] = field(default_factory=list)  # sorted by (level, name)
    cmsgs: List[Cmsg] = field(default_factory=list)  # sorted by (level, type)
    domains: List[Named] = field(default_factory=list)
    socket_types: List[Named] = field(default_factory=list)
    protocols: List[Named] = field(default_factory=list)
    msg_flags: List[Named] = field(default_factory=list)
    ioctl_requests: List[Named] = field(default_factory=list)
    ioctl_flags: List[Named] = field(default_factory=list)
    ioctl: Ioctl = field(default_factory=Ioctl)
    features: List[Feature] = field(default_factory=list)
    option_files: List[str] = field(default_factory=list)
    counter_groups: List[CounterGroup] = field(default_factory=list)
    # derived views, so that templates need no filters
    enum_types: List[ValueType] = field(default_factory=list)
    # int types with OTP's own range check: each gets a put function
    ranged_int_types: List[ValueType] = field(default_factory=list)
    native_types: List[ValueType] = field(default_factory=list)  # generated codecs
    special_encoders: List[str] = field(default_factory=list)
    special_decoders: List[str] = field(default_factory=list)
    option_levels: List[Tuple[Level, List[Option]]] = field(default_factory=list)
    otp_options: List[Option] = field(default_factory=list)  # in spec order
    # (doc, enum name, C++ enumerators) for generated/ids.hpp
    id_enums: List[Tuple[str, str, List[str]]] = field(default_factory=list)
    # the inet option table (spec/inet_options.yaml); options sorted by name
    inet_types: List["InetValueType"] = field(default_factory=list)
    inet_options: List["InetOption"] = field(default_factory=list)
    inet_socket_options: List["InetOption"] = field(default_factory=list)
    packets: PacketSpec = field(default_factory=PacketSpec)  # spec/packets.yaml


@dataclass
class InetEnumValue:
    """A member of an enumerated inet value type (spec/inet_options.yaml)."""

    atom: Optional[str]
    integer: Optional[int]
    reads_as: Optional[str]


@dataclass
class InetValueType:
    """A value type of the inet option table."""

    name: str
    check: str
    values: List[InetEnumValue]
    doc: str
    index: int = 0
    values_ref: str = "{}"  # C++ span of its enumeration members


@dataclass
class InetSocketTarget:
    """A socket-level option an inet option maps onto."""

    level: str
    option: str
    family: Optional[str]
    conversion: str
    # enum_integer: the socket level's (atom, C constant) names
    names: List[Tuple[str, str]] = field(default_factory=list)
    names_ref: str = "{}"
    names_id: str = ""
    families_expr: str = "family_inet | family_inet6"


@dataclass
class InetOption:
    """An option of inet:setopts/getopts and gen_tcp/gen_udp (spec/inet_options.yaml)."""

    name: str
    type: Optional[InetValueType]
    default: Optional[str]
    udp4_default: Optional[str]
    means: Optional[str]
    socket: List[InetSocketTarget]
    native: bool
    families: List[str]
    socket_types: List[str]
    contexts: List[str]
    module_choice: bool
    reads_back_at_least: Optional[int]
    newer: bool
    doc: str
    line: int
    kernel_errors_ignored: bool = False
    minimum: Optional[int] = None
    # derived, for the templates
    type_ref: str = "nullptr"
    socket_ref: str = "{}"
    families_expr: str = "0"
    socket_types_expr: str = "0"
    contexts_expr: str = "0"
    min_expr: str = "std::nullopt"
    minimum_expr: str = "std::nullopt"
    socket_doc: str = "-"  # docs/options.md: what it maps onto
    applies_doc: str = ""  # docs/options.md: the families and socket types
