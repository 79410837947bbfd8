#include "SharedAppProcess.h"

#include "core/capture/x11/X11WindowLister.h"
#include "core/capture/x11/XcbConnection.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

namespace baton::test {
namespace {

constexpr int kStartTimeoutMs = 15000;

} // namespace

SharedAppProcess::SharedAppProcess(const QString &program, const QString &title,
                                   const QStringList &extraArgs,
                                   const std::optional<QProcessEnvironment> &wayland)
    : title_(title)
{
    QProcessEnvironment env = wayland.value_or(QProcessEnvironment::systemEnvironment());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"),
               wayland ? QStringLiteral("wayland") : QStringLiteral("xcb"));
    // Pixels that are the same on every machine: no desktop theme, no scaling.
    env.remove(QStringLiteral("QT_QPA_PLATFORMTHEME"));
    env.remove(QStringLiteral("QT_STYLE_OVERRIDE"));
    env.insert(QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("1"));
    env.insert(QStringLiteral("QT_AUTO_SCREEN_SCALE_FACTOR"), QStringLiteral("0"));
    process_.setProcessEnvironment(env);
    process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process_.start(program, QStringList{QStringLiteral("--title"), title} + extraArgs);
    if (!waitForLine(QStringLiteral("ready"), kStartTimeoutMs)) {
        qWarning("baton_sharedapp did not start: %s", qPrintable(said()));
        return;
    }
    for (const QString &line : std::as_const(said_)) {
        const QJsonObject json = QJsonDocument::fromJson(line.toUtf8()).object();
        if (json.contains(QLatin1String("geometry")))
            geometry_ = json.value(QLatin1String("geometry")).toObject();
    }
    if (wayland) {
        const QJsonObject window = geometry_.value(QLatin1String("window")).toObject();
        windowRect_ = {0, 0, window.value(QLatin1String("width")).toInt(),
                       window.value(QLatin1String("height")).toInt()};
        ready_ = true;
        return;
    }
    QString error;
    const auto connection = XcbConnection::open({}, &error);
    if (!connection) {
        qWarning("baton_sharedapp fixture: %s", qPrintable(error));
        return;
    }
    // The window is mapped by now (the application says "ready" after its first
    // paint was queued), but the X server may not have told every client yet.
    X11WindowLister lister(*connection);
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (windowId_ == 0 && !deadline.hasExpired()) {
        for (const WindowInfo &info : lister.list()) {
            if (info.title == title_) {
                const auto placement = connection->placement(xcb_window_t(info.id));
                if (placement)
                    windowRect_ = placement->geometry;
                windowId_ = info.id;
            }
        }
        if (windowId_ == 0)
            QTest::qWait(20);
    }
    ready_ = windowId_ != 0;
}

SharedAppProcess::~SharedAppProcess()
{
    if (process_.state() != QProcess::NotRunning) {
        process_.kill();
        process_.waitForFinished(5000);
    }
}

QPoint SharedAppProcess::inWindow(const QString &name) const
{
    const QJsonObject point = geometry_.value(name).toObject();
    return {point.value(QLatin1String("x")).toInt(-1), point.value(QLatin1String("y")).toInt(-1)};
}

QPoint SharedAppProcess::onScreen(const QString &name) const
{
    return inWindow(name) + QPoint(windowRect_.x, windowRect_.y);
}

bool SharedAppProcess::waitForLine(const QString &prefix, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        while (process_.canReadLine())
            said_.append(QString::fromUtf8(process_.readLine()).trimmed());
        for (; unmatched_ < said_.size(); ++unmatched_) {
            if (said_[unmatched_].startsWith(prefix)) {
                ++unmatched_;
                return true;
            }
        }
        if (deadline.hasExpired() || process_.state() == QProcess::NotRunning)
            return false;
        process_.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
}

QPoint SharedAppProcess::waitForPoint(const QString &name, int timeoutMs)
{
    if (!waitForLine(QStringLiteral("{\"%1\":").arg(name), timeoutMs))
        return {-1, -1};
    const QJsonObject point =
        QJsonDocument::fromJson(said_[unmatched_ - 1].toUtf8()).object().value(name).toObject();
    return {point.value(QLatin1String("x")).toInt(-1), point.value(QLatin1String("y")).toInt(-1)};
}

std::vector<Rect> SharedAppProcess::mappedWindows() const
{
    QString error;
    const auto connection = XcbConnection::open({}, &error);
    if (!connection || windowId_ == 0)
        return {};
    xcb_connection_t *c = connection->get();
    // X gives every client a range of ids: the bits outside resource_id_mask are the
    // client's own, the same for every window it creates.
    const uint32_t clientMask = ~xcb_get_setup(c)->resource_id_mask;
    const uint32_t client = uint32_t(windowId_) & clientMask;
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, connection->root()), nullptr));
    if (!tree)
        return {};
    std::vector<Rect> windows;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    for (int i = 0; i < xcb_query_tree_children_length(tree.get()); ++i) {
        if ((children[i] & clientMask) != client || !connection->isViewable(children[i]))
            continue;
        const auto placement = connection->placement(children[i]);
        if (!placement)
            continue;
        const int32_t border = placement->borderPx;
        windows.push_back({placement->geometry.x - border, placement->geometry.y - border,
                           placement->geometry.width + 2 * border,
                           placement->geometry.height + 2 * border});
    }
    return windows;
}

} // namespace baton::test
