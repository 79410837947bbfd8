#include "InputProbe.h"

#include "core/common/Percentile.h"
#include "core/viewer/ViewerSession.h"

namespace baton::cli {
namespace {

// Between keys: the picture settles, and xterm's echo of one key is not mistaken for the
// next one's.
constexpr int kPauseMs = 100;
// A key whose picture does not come by then is counted as lost, not as a huge delay.
constexpr int kTimeoutMs = 2000;

} // namespace

InputProbe::InputProbe(ViewerSession &session, int keys, QObject *parent)
    : QObject(parent), session_(session), keys_(keys)
{
    pause_.setSingleShot(true);
    pause_.setInterval(kPauseMs);
    timeout_.setSingleShot(true);
    timeout_.setInterval(kTimeoutMs);
    connect(&pause_, &QTimer::timeout, this, &InputProbe::sendNext);
    connect(&timeout_, &QTimer::timeout, this, &InputProbe::onTimeout);
    connect(&session_, &ViewerSession::framePresented, this, &InputProbe::onPresented);
}

void InputProbe::start()
{
    if (!finished() && !waiting_ && !pause_.isActive())
        pause_.start();
}

void InputProbe::sendNext()
{
    if (finished()) {
        emit done();
        return;
    }
    // Letters in turn, so every key changes what the window shows.
    const QChar key = QChar(u'a' + char16_t(sent_ % 26));
    ++sent_;
    waiting_ = true;
    sinceKey_.start();
    timeout_.start();
    if (!session_.sendText(QString(key)))
        onTimeout(); // lost the floor: the key never left
}

void InputProbe::onPresented(const Region &damage)
{
    if (!waiting_ || damage.isEmpty())
        return;
    samplesMs_.push_back(double(sinceKey_.nsecsElapsed()) / 1e6);
    waiting_ = false;
    timeout_.stop();
    pause_.start();
}

void InputProbe::onTimeout()
{
    waiting_ = false;
    ++timeouts_;
    pause_.start();
}

QJsonObject InputProbe::toJson() const
{
    QJsonObject json;
    json[QStringLiteral("input_to_photon_ms_median")] = nearestRankPercentile(samplesMs_, 50);
    json[QStringLiteral("input_to_photon_ms_p90")] = nearestRankPercentile(samplesMs_, 90);
    json[QStringLiteral("input_to_photon_ms_p95")] = nearestRankPercentile(samplesMs_, 95);
    json[QStringLiteral("input_to_photon_samples")] = double(samplesMs_.size());
    json[QStringLiteral("input_to_photon_timeouts")] = timeouts_;
    return json;
}

} // namespace baton::cli
