#pragma once

#include <QProcess>
#include <QSize>
#include <QString>
#include <QStringList>

namespace baton::test {

// An Xvfb of the test's own, for screens the shared test server (xvfb-run, depth 24) does
// not offer: depth 8, 15, 16 or 30. It picks a free display number itself (-displayfd),
// listens on no TCP port and does not reset when its last client leaves. Needs no
// RESOURCE_LOCK: nothing else uses the display. The destructor stops it.
class PrivateXServer {
public:
    PrivateXServer() = default;
    ~PrivateXServer();
    PrivateXServer(const PrivateXServer &) = delete;
    PrivateXServer &operator=(const PrivateXServer &) = delete;

    // Starts Xvfb with one screen of depth bits per pixel value and size, plus
    // extraArguments (e.g. "+extension", "RANDR"); returns the display name (":N") once
    // the server accepts connections, or an empty string with the reason in *error.
    QString start(int depth, QSize size = QSize(640, 480), const QStringList &extraArguments = {},
                  QString *error = nullptr);
    // ":N" while running, else empty.
    const QString &displayName() const { return display_; }
    void stop();

private:
    QProcess process_;
    QString display_;
};

} // namespace baton::test
