#pragma once

#include "LinkRelay.h"

namespace baton::cli {

// A loopback TCP relay that counts the bytes each way: the benchmarks put one between
// every viewer and its server (Baton or the peer), so both systems are measured the same
// way, on the wire, TLS and framing included. An unshaped link: LinkRelay with no delay.
class CountingProxy : public LinkRelay {
public:
    explicit CountingProxy(quint16 targetPort, QObject *parent = nullptr)
        : LinkRelay(LinkProfile{QStringLiteral("lan")}, targetPort, QHostAddress::LocalHost,
                    QHostAddress::Any, parent)
    {
    }
};

} // namespace baton::cli
