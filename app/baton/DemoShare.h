#pragma once

#include <QKeySequence>
#include <QObject>
#include <QString>

#include <memory>

class QWidget;

namespace baton {

class HostSession;
class ViewerSession;
class ViewerWidget;

// The demo's story in one process: the demo window shared by a HostSession (listening on
// loopback only, with a throw-away certificate), and a viewer window joined to it over
// TLS like any remote viewer. The host keeps the upper hand: real input on the demo
// window takes the floor back, and the panic key (Ctrl+Alt+Shift+B unless configured)
// revokes it.
class DemoShare : public QObject {
    Q_OBJECT
public:
    DemoShare(QWidget *demoWindow, const QKeySequence &panicKey, QObject *parent = nullptr);
    ~DemoShare() override;

    // Starts sharing and joins the viewer; false with a sentence otherwise.
    bool start(QString *error);
    QWidget *viewerWindow() const;
    HostSession *host() const { return host_.get(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *demoWindow_;
    QKeySequence panicKey_;
    std::unique_ptr<HostSession> host_;
    std::unique_ptr<ViewerSession> viewer_;
    std::unique_ptr<ViewerWidget> viewerWindow_;
};

} // namespace baton
