#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace baton {

// The invite a host hands out, in two forms that carry the same fields:
//   native: baton://HOST:PORT/SESSION?fp=SHA256HEX&code=PASSCODE
//   web:    https://HOST:PORT/s/SESSION#code=PASSCODE&fp=SHA256HEX
// fp is the SHA-256 fingerprint of the host's TLS certificate, which the viewer pins (a
// browser cannot pin it: the page shows it for the person to compare); code is the
// passcode (optional: a host may require it to be typed instead). The web form keeps both
// in the fragment, which a browser never sends to the server, so no log ever sees them.
struct InviteLink {
    static constexpr quint16 kDefaultPort = 1627;
    static constexpr int kFingerprintBytes = 32;

    QString host;
    quint16 port = kDefaultPort;
    QString sessionId;
    QByteArray fingerprint; // raw SHA-256, 32 bytes
    QString passcode;

    QUrl toUrl() const;
    QString toString() const { return toUrl().toString(QUrl::FullyEncoded); }

    // The web form, which a browser opens (the host serves the viewer page on its port).
    QString toWebString() const;

    // Parses and validates a link of either form (a viewer joins natively from both). On failure
    // returns nullopt and, when error is given, a sentence a user can act on.
    static std::optional<InviteLink> parse(const QString &text, QString *error = nullptr);
};

} // namespace baton
