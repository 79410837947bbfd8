#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace baton {

// The invite a host hands out: baton://HOST:PORT/SESSION?fp=SHA256HEX&code=PASSCODE.
// fp is the SHA-256 fingerprint of the host's TLS certificate, which the viewer pins;
// code is the passcode (optional: a host may require it to be typed instead).
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

    // Parses and validates a link. On failure returns nullopt and, when error is
    // given, a sentence a user can act on.
    static std::optional<InviteLink> parse(const QString &text, QString *error = nullptr);
};

} // namespace baton
