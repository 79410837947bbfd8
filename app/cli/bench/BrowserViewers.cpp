#include "BrowserViewers.h"

#include "app/cli/browser/BrowserPage.h"
#include "app/cli/browser/CdpClient.h"
#include "app/cli/browser/HeadlessChromium.h"

#include <QJsonValue>

namespace baton::cli {
namespace {

// When the page presented its first picture, on its own clock (performance.now():
// milliseconds since the navigation started); -1 until then (web/src/main.js).
const QString kFirstPictureAtMs =
    QStringLiteral("window.batonViewer?.stats?.firstPictureAtMs ?? -1");

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
        viewers->firstPicturesMs_.push_back(
            page->evaluate(kFirstPictureAtMs, error).value_or(QJsonValue(-1)).toDouble(-1));
    }
    return viewers;
}

BrowserViewers::~BrowserViewers() = default;

double BrowserViewers::cpuSeconds() const
{
    return browser_ ? browser_->cpuSeconds() : 0;
}

} // namespace baton::cli
