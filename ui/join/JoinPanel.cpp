#include "JoinPanel.h"

#include "JoinForm.h"
#include "RecentSessionsList.h"
#include "core/viewer/ViewerSession.h"
#include "ui/settings/AppSettings.h"
#include "ui/viewer/ViewerWindow.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

constexpr int kFormMaxWidthPx = 720;

// The passcode aside: a window that asked for it joined the same session with it.
bool sameSession(const InviteLink &a, const InviteLink &b)
{
    return a.host == b.host && a.port == b.port && a.sessionId == b.sessionId &&
        a.fingerprint == b.fingerprint;
}

} // namespace

JoinPanel::JoinPanel(AppSettings &settings, QWidget *parent)
    : QWidget(parent),
      settings_(settings),
      form_(new JoinForm(settings.defaultPort, this)),
      joinButton_(new QPushButton(tr("&Join"), this)),
      recent_(new RecentSessionsList(this))
{
    setAccessibleName(tr("Join"));
    auto *title = new QLabel(tr("Join a shared window"), this);
    QFont bigger = title->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.3);
    bigger.setBold(true);
    title->setFont(bigger);
    auto *intro =
        new QLabel(tr("Paste the invite link the host sent you, or type its parts."), this);
    intro->setWordWrap(true);

    joinButton_->setAccessibleName(tr("Join the session"));
    joinButton_->setToolTip(tr("Open a viewer window on this session"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(joinButton_);

    auto *recentLabel = new QLabel(tr("Rece&nt sessions:"), this);
    recentLabel->setBuddy(recent_);

    // The form keeps a readable width however wide the window is.
    auto *column = new QWidget(this);
    column->setMaximumWidth(kFormMaxWidthPx);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(title);
    columnLayout->addWidget(intro);
    columnLayout->addWidget(form_);
    columnLayout->addLayout(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(column);
    layout->addSpacing(12);
    layout->addWidget(recentLabel);
    layout->addWidget(recent_, 1);

    setTabOrder(form_->passcodeEdit(), joinButton_);
    setTabOrder(joinButton_, recent_);

    recent_->setLinks(settings_.recentSessions);
    auto updateButton = [this] { joinButton_->setEnabled(form_->link().has_value()); };
    connect(form_, &JoinForm::changed, this, updateButton);
    connect(form_, &JoinForm::submitted, this, &JoinPanel::joinFromForm);
    connect(joinButton_, &QPushButton::clicked, this, &JoinPanel::joinFromForm);
    connect(recent_, &RecentSessionsList::linkActivated, this,
            [this](const InviteLink &link) { join(link); });
    updateButton();
}

QList<ViewerWindow *> JoinPanel::windows() const
{
    return findChildren<ViewerWindow *>(Qt::FindDirectChildrenOnly);
}

void JoinPanel::joinFromForm()
{
    if (const auto link = form_->link())
        join(*link);
}

ViewerWindow *JoinPanel::join(const InviteLink &link, QString *error)
{
    QString problem;
    if (!InviteLink::parse(link.toString(), &problem)) {
        if (error)
            *error = problem;
        return nullptr;
    }
    for (ViewerWindow *window : windows()) {
        if (!sameSession(window->link(), link))
            continue;
        if (window->hasEnded()) {
            // A link that brings a passcode of its own (a corrected one) joins with it.
            if (!link.passcode.isEmpty() && link.passcode != window->link().passcode)
                window->joinWithPasscode(link.passcode);
            else
                window->reconnect();
        }
        window->show();
        window->raise();
        window->activateWindow();
        return window;
    }

    net::ViewerOptions options;
    options.displayName = settings_.effectiveDisplayName().toStdString();
    options.featureFlags = protocol::HelloPdu::kFeatureFrameAck | protocol::HelloPdu::kFeatureInput;
    auto *window = new ViewerWindow(link, options, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    // The link the window joined with: the passcode it asked for included.
    connect(window, &ViewerWindow::joined, this, [this, window] { remember(window->link()); });
    window->show();
    window->start();
    emit windowOpened(window);
    return window;
}

void JoinPanel::remember(const InviteLink &link)
{
    settings_.rememberSession(link.toString());
    recent_->setLinks(settings_.recentSessions);
    emit settingsChanged();
}

} // namespace baton::ui
