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
    // How a tab came to its first picture, in milliseconds since its navigation to the web
    // link began (the page's time origin).
    struct Start {
        double firstPictureMs = -1; // presented: page, scripts, TLS, WebSocket, join, batch
        double loadedMs = -1; // the page and all its scripts loaded (DOMContentLoaded)
        double fromHelloMs = -1; // from the page's Hello to the first picture presented
    };
    const std::vector<Start> &starts() const { return starts_; }

private:
    BrowserViewers() = default;

    std::unique_ptr<HeadlessChromium> browser_;
    std::unique_ptr<CdpClient> cdp_;
    std::vector<std::unique_ptr<BrowserPage>> pages_;
    std::vector<Start> starts_;
};

} // namespace baton::cli
