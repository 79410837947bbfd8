#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

namespace baton::demo {
class DemoWindow;
}

namespace baton::ui {

class SharePanel;
class ViewerWindow;

// What `baton` shows when started without arguments: the demo window shared through
// the Share panel like any other window, and a viewer window that joins it over TLS on
// this machine, asks for control and gets it, so that one screen shows both ends of a
// share. Only this viewer's request is approved without asking: anyone else who joins
// waits for the host as usual.
class DemoStory : public QObject {
    Q_OBJECT
public:
    DemoStory(SharePanel *share, quint32 seed, QObject *parent = nullptr);
    ~DemoStory() override;

    demo::DemoWindow *demoWindow() const { return demo_.get(); }
    ViewerWindow *viewerWindow() const { return viewer_; }

    // Shows the demo window. With share, also shares it and opens the viewer window; false
    // with a sentence when the share could not start.
    bool start(bool share, QString *error);

signals:
    // The demo's viewer holds the floor: the whole story has been told.
    void viewerInControl();

private:
    void onControlRequested(uint16_t userId);
    void onViewerFloorChanged();

    SharePanel *share_;
    std::unique_ptr<demo::DemoWindow> demo_;
    QPointer<ViewerWindow> viewer_;
};

} // namespace baton::ui
