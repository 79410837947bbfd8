#include "ui/share/WindowThumbnailer.h"

#include "core/capture/CapturedFrame.h"
#include "core/capture/WindowSourceFactory.h"

#include <QCoreApplication>

namespace baton::ui {

WindowThumbnailer::WindowThumbnailer(QSize thumbnailSize, QObject *parent)
    : QObject(parent), thumbnailSize_(thumbnailSize), worker_(new QObject)
{
    qRegisterMetaType<baton::WindowInfo>();
    thread_.setObjectName(QStringLiteral("baton thumbnails"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start(QThread::LowPriority);
}

WindowThumbnailer::~WindowThumbnailer()
{
    thread_.quit();
    thread_.wait();
}

void WindowThumbnailer::refresh()
{
    if (refreshing_)
        return;
    refreshing_ = true;
    QMetaObject::invokeMethod(
        worker_, [this] { run(); }, Qt::QueuedConnection);
}

void WindowThumbnailer::run()
{
    WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
    // Baton's own windows are not offered: sharing the sharing tool would show the
    // participants their own list, and its thumbnails would grab themselves.
    const qint64 ownPid = QCoreApplication::applicationPid();
    listing.windows.removeIf([ownPid](const WindowInfo &window) { return window.pid == ownPid; });
    QMetaObject::invokeMethod(
        this, [this, listing] { emit listed(listing.windows, listing.backend, listing.refusals); },
        Qt::QueuedConnection);
    for (const WindowInfo &window : listing.windows) {
        const QImage thumbnail = grab(window);
        if (thumbnail.isNull())
            continue;
        const quint64 id = window.id;
        QMetaObject::invokeMethod(
            this, [this, id, thumbnail] { emit thumbnailReady(id, thumbnail); },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            refreshing_ = false;
            emit refreshed();
        },
        Qt::QueuedConnection);
}

QImage WindowThumbnailer::grab(const WindowInfo &window) const
{
    // The window alone: a thumbnail needs neither the application's menus nor the watch
    // on every top-level that finding them takes.
    WindowSourceFactory::Creation created = WindowSourceFactory::create(window, ShareScope::Window);
    if (!created.source || !created.source->start())
        return {};
    CapturedFrame frame;
    QImage thumbnail;
    // A hidden or minimised window has no picture: the list shows its title alone.
    if (created.source->captureFrame(frame) && !frame.pixels.isNull()) {
        const QImage view(frame.pixels.data(), frame.pixels.width(), frame.pixels.height(),
                          frame.pixels.strideBytes(), QImage::Format_RGB32);
        // scaled() copies, so the thumbnail outlives the source's buffer.
        thumbnail = view.scaled(thumbnailSize_, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    created.source->stop();
    return thumbnail;
}

} // namespace baton::ui
