#pragma once

#include "core/protocol/CloseReason.h"

#include <QMetaType>
#include <QString>

namespace baton::net {

// Why and by whom a connection ended, as the user is told.
struct CloseInfo {
    enum class Origin {
        Local, // this side closed it (and told the peer with a Goodbye when it could)
        Peer, // the peer said Goodbye
        Transport, // the socket or TLS broke, or the peer vanished without a word
    };

    protocol::CloseReason reason = protocol::CloseReason::ConnectionLost;
    Origin origin = Origin::Transport;
    // Specifics for the log and the details line: "protocol error: truncated at byte 3
    // (TPKT header)", a socket error string, the fingerprint that did not match.
    QString detail;

    // The reason's sentence, followed by the detail when there is one.
    QString text() const;
    static QString originName(Origin origin);
};

} // namespace baton::net

Q_DECLARE_METATYPE(baton::net::CloseInfo)
