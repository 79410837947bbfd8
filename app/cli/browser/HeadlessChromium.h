#pragma once

#include <QByteArray>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace baton::cli {

// Debian's chromium, headless, in a profile of its own, with its DevTools endpoint on a
// port the system picks. The browser and every process it starts (renderers, GPU and
// network services) form one process group, killed together when this goes or when the
// process that started it dies.
class HeadlessChromium {
public:
    static constexpr const char *kProgram = "/usr/bin/chromium";
    static constexpr int kStartTimeoutMs = 30000;

    // Starts the browser. It accepts a certificate error only on a host whose certificate
    // carries one of the public keys in spkiPins (spkiPin() of each): what a person does
    // who compared the fingerprint and accepted the certificate, and nothing wider. Null
    // with the reason in *error when it did not come up.
    static std::unique_ptr<HeadlessChromium> start(const QStringList &spkiPins, QString *error);
    ~HeadlessChromium();
    HeadlessChromium(const HeadlessChromium &) = delete;
    HeadlessChromium &operator=(const HeadlessChromium &) = delete;

    // ws://127.0.0.1:PORT/devtools/browser/ID, for CdpClient::open().
    const QUrl &devToolsEndpoint() const { return endpoint_; }
    // The user plus system CPU seconds of every live process of the browser (its group).
    double cpuSeconds() const;
    // What the browser wrote on its standard error so far (it logs there).
    QByteArray log();

    // Chromium's --ignore-certificate-errors-spki-list form of a certificate's key: the
    // base64 SHA-256 of its DER SubjectPublicKeyInfo.
    static QString spkiPin(const QSslCertificate &certificate);

private:
    HeadlessChromium() = default;

    QTemporaryDir profile_;
    QProcess process_;
    QUrl endpoint_;
    QByteArray log_;
};

} // namespace baton::cli
