#pragma once

// Stand-ins for hardware the test machine does not have (DDC/CI monitors, several
// outputs with rotation) and for the plug-ins the desktop app supplies (identify,
// share). The real RandR backend is tested against Xorg in tst_issdrandr.

#include "core/display/DisplaySystem.h"
#include "core/issd/ScreenIdentifier.h"
#include "core/issd/ScreenSnapshotter.h"
#include "core/issd/ShareDisplay.h"

#include <QBuffer>
#include <QHash>
#include <QImage>
#include <QTimer>

namespace baton::issd::test {

using display::BackendResult;

class MemoryDisplayBackend : public display::DisplayBackend {
public:
    MemoryDisplayBackend()
    {
        for (int i = 1; i <= 2; ++i) {
            display::DisplayInfo d;
            d.id = QStringLiteral("TST.000%1.0000000%1").arg(i);
            d.connector = QStringLiteral("FAKE-%1").arg(i);
            d.manufacturer = QStringLiteral("TST");
            d.model = QStringLiteral("Test %1").arg(i);
            d.modes = {{1920, 1080, 60}, {1280, 720, 60}, {1280, 720, 50}};
            d.preferredMode = d.modes.first();
            d.rotationsDeg = i == 1 ? QList<int>{0} : QList<int>{0, 90, 180, 270};
            d.layout = {true, d.modes.first(), QPoint((i - 1) * 1920, 0), 0, i == 1};
            displays_.append(d);
        }
    }
    QString name() const override { return QStringLiteral("memory"); }
    QList<display::DisplayInfo> displays() override { return displays_; }
    bool canChangeLayout() const override { return true; }
    BackendResult applyLayout(const QList<display::LayoutChange> &changes) override
    {
        ++transactions;
        QList<display::DisplayInfo> next = displays_;
        for (const auto &change : changes) {
            auto it = std::find_if(next.begin(), next.end(), [&](auto &d) { return d.connector == change.connector; });
            if (it == next.end())
                return BackendResult::fail(BackendResult::Kind::InvalidValue, QStringLiteral("no output"));
            if (change.enabled)
                it->layout.enabled = *change.enabled;
            if (change.mode)
                it->layout.mode = change.mode->refreshHz ? *change.mode : display::DisplayMode{change.mode->width, change.mode->height, 60};
            if (change.position)
                it->layout.position = *change.position;
            if (change.rotationDeg)
                it->layout.rotationDeg = *change.rotationDeg;
            if (change.primary) {
                for (auto &d : next)
                    d.layout.primary = false;
                it->layout.primary = *change.primary;
            }
        }
        if (failNext) {
            failNext = false;
            return BackendResult::fail(BackendResult::Kind::Failed, QStringLiteral("injected failure"));
        }
        displays_ = next;
        return BackendResult::ok();
    }
    int transactions = 0;
    bool failNext = false;

private:
    QList<display::DisplayInfo> displays_;
};

// DDC/CI on FAKE-2 only; in standby the monitor stops answering, as real ones do.
class MemoryDdc : public display::DdcControl {
public:
    QString name() const override { return QStringLiteral("memory-ddc"); }
    bool reaches(const display::DisplayInfo &d) override { return d.connector == u"FAKE-2"; }
    std::optional<display::VcpValue> read(const display::DisplayInfo &, display::VcpFeature feature,
                                          BackendResult *error) override
    {
        if (values[0xD6] != 1 && feature != display::VcpFeature::PowerMode) {
            *error = BackendResult::fail(BackendResult::Kind::Unavailable,
                                         QStringLiteral("display does not answer DDC in standby"));
            return std::nullopt;
        }
        return display::VcpValue{values.value(quint8(feature)), feature == display::VcpFeature::InputSource ? 255 : 200};
    }
    BackendResult write(const display::DisplayInfo &d, display::VcpFeature feature, int value) override
    {
        BackendResult error;
        if (feature != display::VcpFeature::PowerMode && !read(d, feature, &error))
            return error;
        values[quint8(feature)] = value;
        return BackendResult::ok();
    }
    QHash<quint8, int> values = {{0x10, 140}, {0x12, 100}, {0x60, 0x11}, {0xD6, 1}};
};

inline display::DisplaySystem makeFakeSystem(MemoryDisplayBackend **backend = nullptr, MemoryDdc **ddc = nullptr)
{
    display::DisplaySystem system;
    auto layout = std::make_unique<MemoryDisplayBackend>();
    auto memoryDdc = std::make_unique<MemoryDdc>();
    if (backend)
        *backend = layout.get();
    if (ddc)
        *ddc = memoryDdc.get();
    system.layout = std::move(layout);
    system.ddc = std::move(memoryDdc);
    return system;
}

class RecordingIdentifier : public ScreenIdentifier {
public:
    BackendResult identify(const QList<Target> &targets, int seconds) override
    {
        shown = targets;
        lastSeconds = seconds;
        return BackendResult::ok();
    }
    QList<Target> shown;
    int lastSeconds = 0;
};

class PatternSnapshotter : public ScreenSnapshotter {
public:
    std::optional<Snapshot> snapshot(const display::DisplayInfo &d, QSize maxSize, Format format, int quality,
                                     BackendResult *) override
    {
        QImage image(QSize(d.layout.mode->width, d.layout.mode->height).scaled(maxSize, Qt::KeepAspectRatio),
                     QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, format == Format::Png ? "PNG" : "JPEG", quality);
        return Snapshot{buffer.data(), image.size()};
    }
};

class FakeShareDisplay : public ShareDisplay {
public:
    BackendResult join(const display::DisplayInfo &d, const InviteLink &link, Fit, quint64 op) override
    {
        shown.insert(d.id, link);
        QTimer::singleShot(0, this, [this, id = d.id, op] { emit started(id, op); });
        return BackendResult::ok();
    }
    BackendResult leave(const QString &displayId) override
    {
        if (!shown.remove(displayId))
            return BackendResult::fail(BackendResult::Kind::Unavailable, QStringLiteral("nothing is shown there"));
        emit ended(displayId, QStringLiteral("left"));
        return BackendResult::ok();
    }
    std::optional<InviteLink> shownOn(const QString &displayId) const override
    {
        if (!shown.contains(displayId))
            return std::nullopt;
        return shown.value(displayId);
    }
    QHash<QString, InviteLink> shown;
};

} // namespace baton::issd::test
