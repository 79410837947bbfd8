#include "BrowserViewers.h"

#include "app/cli/browser/BrowserPage.h"
#include "app/cli/browser/CdpClient.h"
#include "app/cli/browser/HeadlessChromium.h"

#include <QJsonObject>
#include <QJsonValue>

namespace baton::cli {
namespace {

// When the page presented its first picture, on its own clock (performance.now():
// milliseconds since the navigation started); -1 until then (web/src/main.js).
const QString kFirstPictureAtMs =
    QStringLiteral("window.batonViewer?.stats?.firstPictureAtMs ?? -1");
// How that time was spent: the page and its scripts loaded (DOMContentLoaded; the page is a
// module script, run once every module it imports is in) and, from the page's Hello, the
// join and the first picture (web/src/main.js).
const QString kStart = QStringLiteral(
    "({firstPictureMs: window.batonViewer.stats.firstPictureAtMs,"
    " loadedMs: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
    " fromHelloMs: window.batonViewer.stats.firstPictureMs})");

// What the page says about itself, for a failure's message.
const QString kPageState = QStringLiteral(
    "`${location.href} ${window.batonViewer?.state}: ${document.body?.innerText.slice(0, 300)}`");

} // namespace

std::unique_ptr<BrowserViewers> BrowserViewers::join(const QString &webLink,
                                                     const QSslCertificate &certificate, int count,
                                                     int timeoutMs, QString *error)
{
    std::unique_ptr<BrowserViewers> viewers(new BrowserViewers);
    viewers->browser_ = HeadlessChromium::start({HeadlessChromium::spkiPin(certificate)}, error);
    if (!viewers->browser_)
        return nullptr;
    viewers->cdp_ = std::make_unique<CdpClient>();
    if (!viewers->cdp_->open(viewers->browser_->devToolsEndpoint(), timeoutMs, error))
        return nullptr;
    // Every tab navigates first, then each is waited for: they join at the same time, as
    // the native viewers do.
    for (int i = 0; i < count; ++i) {
        auto page = BrowserPage::open(*viewers->cdp_, error);
        if (!page || !page->navigate(webLink, error))
            return nullptr;
        viewers->pages_.push_back(std::move(page));
    }
    for (const auto &page : viewers->pages_) {
        if (!page->waitUntil(QStringLiteral("(%1) >= 0").arg(kFirstPictureAtMs), timeoutMs,
                             error)) {
            QString ignored;
            *error +=
                QStringLiteral(" (the page: %1)")
                    .arg(page->evaluate(kPageState, &ignored).value_or(QJsonValue()).toString());
            return nullptr;
        }
        const QJsonObject start = page->evaluate(kStart, error).value_or(QJsonValue()).toObject();
        viewers->starts_.push_back({start.value(QLatin1String("firstPictureMs")).toDouble(-1),
                                    start.value(QLatin1String("loadedMs")).toDouble(-1),
                                    start.value(QLatin1String("fromHelloMs")).toDouble(-1)});
    }
    return viewers;
}

BrowserViewers::~BrowserViewers() = default;

double BrowserViewers::cpuSeconds() const
{
    return browser_ ? browser_->cpuSeconds() : 0;
}

} // namespace baton::cli
