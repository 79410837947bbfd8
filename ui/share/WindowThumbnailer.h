#pragma once

#include "core/capture/WindowInfo.h"

#include <QImage>
#include <QList>
#include <QObject>
#include <QSize>
#include <QStringList>
#include <QThread>

namespace baton::ui {

// Lists the shareable windows (every one but this process's own) and grabs a small
// picture of each, through the capture backends (WindowSourceFactory), on a thread of its
// own: a slow X server or a large window never stalls the UI. Results come back as queued signals on the owner's thread.
class WindowThumbnailer : public QObject {
    Q_OBJECT
public:
    explicit WindowThumbnailer(QSize thumbnailSize, QObject *parent = nullptr);
    // Waits for a refresh in progress to finish.
    ~WindowThumbnailer() override;

    // Lists and grabs again; ignored while a refresh is still running.
    void refresh();
    bool isRefreshing() const { return refreshing_; }

signals:
    // The windows, in the backend's order; backend is empty when no backend could list
    // them, and refusals then say why. Thumbnails follow, one by one.
    void listed(const QList<baton::WindowInfo> &windows, const QString &backend,
                const QStringList &refusals);
    void thumbnailReady(quint64 windowId, const QImage &thumbnail);
    // After the last thumbnail of a refresh.
    void refreshed();

private:
    // On the worker thread.
    void run();
    QImage grab(const WindowInfo &window) const;

    QSize thumbnailSize_;
    QThread thread_;
    QObject *worker_; // lives on thread_: the context the work is queued to
    bool refreshing_ = false;
};

} // namespace baton::ui
