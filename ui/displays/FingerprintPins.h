#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QSettings;

namespace baton::ui {

// The TLS certificate fingerprints of ISSD agents, pinned on first use: the SHA-256 of
// the agent's certificate, per address ("host:port"), kept in the QSettings passed in
// so that a changed certificate is noticed on the next run too. Fingerprints are not
// secrets; the agents' secrets are never stored here.
class FingerprintPins {
public:
    explicit FingerprintPins(QSettings &store) : store_(store) { }

    std::optional<QByteArray> pinFor(const QString &address) const;
    void pin(const QString &address, const QByteArray &fingerprint);

    // The fingerprint as people compare it: upper-case hex pairs separated by colons.
    static QString readable(const QByteArray &fingerprint);

private:
    static QString keyFor(const QString &address);

    QSettings &store_;
};

} // namespace baton::ui
