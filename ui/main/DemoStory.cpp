#include "DemoStory.h"

#include "core/protocol/HandshakePdus.h"
#include "core/viewer/ViewerSession.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/demo/DemoWindow.h"
#include "ui/input/WidgetInputInjector.h"
#include "ui/input/WidgetLocalInputMonitor.h"
#include "ui/share/SharePanel.h"
#include "ui/viewer/ViewerWindow.h"

namespace baton::ui {
namespace {

constexpr int kGapPx = 24;

} // namespace

DemoStory::DemoStory(SharePanel *share, quint32 seed, QObject *parent)
    : QObject(parent), share_(share), demo_(std::make_unique<demo::DemoWindow>(seed))
{
}

DemoStory::~DemoStory()
{
    delete viewer_.data();
}

bool DemoStory::start(bool share, QString *error)
{
    demo_->show();
    if (!share)
        return true;
    if (!share_->startSharing(std::make_unique<WidgetWindowSource>(demo_.get()),
                              std::make_unique<WidgetInputInjector>(demo_.get()),
                              std::make_unique<WidgetLocalInputMonitor>(demo_.get()), error))
        return false;
    const auto link = share_->inviteLink();
    if (!link) {
        if (error)
            *error = tr("the share has no invite link");
        return false;
    }

    net::ViewerOptions options;
    options.displayName = tr("Demo viewer").toStdString();
    options.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    viewer_ = new ViewerWindow(*link, options);
    viewer_->setAttribute(Qt::WA_DeleteOnClose);
    viewer_->resize(demo_->size());
    viewer_->move(demo_->geometry().topRight() + QPoint(kGapPx, 0));
    // Queued: the application shows its notification first, and the approval settles it.
    connect(share_, &SharePanel::controlRequested, this, &DemoStory::onControlRequested,
            Qt::QueuedConnection);
    connect(viewer_, &ViewerWindow::joined, this, [this] {
        connect(viewer_->session(), &ViewerSession::floorChanged, this,
                &DemoStory::onViewerFloorChanged, Qt::UniqueConnection);
        viewer_->requestControl();
    });
    viewer_->show();
    viewer_->start();
    return true;
}

void DemoStory::onControlRequested(uint16_t userId)
{
    if (viewer_ && viewer_->session() && viewer_->session()->userId() == userId)
        share_->approve(userId);
}

void DemoStory::onViewerFloorChanged()
{
    if (viewer_ && viewer_->session() && viewer_->session()->holdsFloor())
        emit viewerInControl();
}

} // namespace baton::ui
