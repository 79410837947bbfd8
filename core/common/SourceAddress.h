#pragma once

#include <QHostAddress>

namespace baton {

// The source a limiter counts an address as: one host owns a whole IPv6 /64 and could
// otherwise rotate through it, so an IPv6 address counts as its /64 prefix; an
// IPv4-mapped IPv6 address counts as its IPv4 address, and IPv4 as itself.
QHostAddress sourceOf(const QHostAddress &address);

} // namespace baton
