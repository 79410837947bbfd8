#pragma once

#include <QSslCertificate>
#include <QString>

#include <memory>
#include <vector>

namespace baton::cli {

class BrowserPage;
class CdpClient;
class HeadlessChromium;

// The e2e benchmark's browser viewers: tabs of one headless chromium, each the web viewer
// page joined from the host's web link, as a person joins who accepted the host's
// certificate after comparing its fingerprint.
class BrowserViewers {
public:
    // Opens COUNT tabs on WEBLINK and waits until every one has joined and presented a
    // picture; null with the reason in *error after timeoutMs. CERTIFICATE is the host's.
    static std::unique_ptr<BrowserViewers> join(const QString &webLink,
                                                const QSslCertificate &certificate, int count,
                                                int timeoutMs, QString *error);
    ~BrowserViewers();
    BrowserViewers(const BrowserViewers &) = delete;
    BrowserViewers &operator=(const BrowserViewers &) = delete;

    // The CPU seconds of the whole browser (every tab, and its GPU and network services).
    double cpuSeconds() const;
    // Per tab, from the start of its navigation to the web link (the page's time origin) to
    // its first picture presented: page, scripts, TLS, WebSocket, join and first batch.
    const std::vector<double> &firstPicturesMs() const { return firstPicturesMs_; }

private:
    BrowserViewers() = default;

    std::unique_ptr<HeadlessChromium> browser_;
    std::unique_ptr<CdpClient> cdp_;
    std::vector<std::unique_ptr<BrowserPage>> pages_;
    std::vector<double> firstPicturesMs_;
};

} // namespace baton::cli
