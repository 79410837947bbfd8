#include "MainWindow.h"

#include "GettingStartedDialog.h"
#include "ui/settings/AppSettings.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

#include <algorithm>

namespace baton::ui {
namespace {

// Ctrl+1 … Ctrl+9: more panels than that are reached through the sidebar only.
constexpr int kNumberedShortcuts = 9;
constexpr int kEntryPaddingPx = 28;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      sidebar_(new QListWidget),
      stack_(new QStackedWidget),
      status_(new QLabel),
      panicShortcut_(AppSettings{}.panicShortcut)
{
    setWindowTitle(QApplication::applicationDisplayName());
    setObjectName(QStringLiteral("mainWindow"));

    sidebar_->setObjectName(QStringLiteral("sidebar"));
    sidebar_->setAccessibleName(tr("Sections"));
    sidebar_->setIconSize(QSize(24, 24));
    sidebar_->setSpacing(3);
    sidebar_->setFrameShape(QFrame::NoFrame);
    sidebar_->setSelectionMode(QAbstractItemView::SingleSelection);
    // The sidebar takes the system's window colour, not the base colour of lists, so it
    // reads as navigation beside the panel, in light and dark palettes alike.
    sidebar_->setBackgroundRole(QPalette::Window);
    sidebar_->viewport()->setBackgroundRole(QPalette::Window);
    sidebar_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    stack_->setObjectName(QStringLiteral("panels"));

    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sidebar_);
    auto *separator = new QFrame;
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    layout->addWidget(stack_, 1);
    setCentralWidget(central);

    connect(sidebar_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        stack_->setCurrentIndex(row);
        if (row < panelActions_.size())
            panelActions_.at(row)->setChecked(true);
        emit currentPanelChanged(row);
    });

    status_->setObjectName(QStringLiteral("sharingStatus"));
    status_->setAccessibleName(tr("Sharing status"));
    status_->setText(tr("Not sharing"));
    statusBar()->addWidget(status_, 1);

    createMenus();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    settingsAction_ = file->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested);
    // The same keys on every desktop: not all of them define Preferences and Quit keys.
    settingsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settingsAction_->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    quitAction_ = file->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction_->setMenuRole(QAction::QuitRole);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    viewMenu_->setEnabled(false); // until a panel arrives

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    gettingStartedAction_ =
        help->addAction(tr("&Getting started…"), this, &MainWindow::showGettingStarted);
    gettingStartedAction_->setShortcut(QKeySequence::HelpContents);
    aboutAction_ = help->addAction(tr("&About Baton"), this, &MainWindow::showAbout);
    aboutAction_->setMenuRole(QAction::AboutRole);
}

int MainWindow::addPanel(QWidget *panel, const QString &title, const QIcon &icon)
{
    const int index = stack_->addWidget(panel);
    auto *item = new QListWidgetItem(icon, title, sidebar_);
    // Roomy entries, as wide as the longest title, so none is ever cut.
    const int textWidthPx = sidebar_->fontMetrics().horizontalAdvance(title);
    item->setSizeHint(
        QSize(textWidthPx + sidebar_->iconSize().width() + kEntryPaddingPx,
              std::max(sidebar_->iconSize().height(), sidebar_->fontMetrics().height()) +
                  kEntryPaddingPx / 2));
    item->setToolTip(index < kNumberedShortcuts ? tr("%1 (Ctrl+%2)").arg(title).arg(index + 1)
                                                : title);
    if (panel->accessibleName().isEmpty())
        panel->setAccessibleName(title);

    // The menu entry carries the shortcut, so it works wherever the focus is and the
    // menu shows it to whoever looks for it.
    QAction *action = viewMenu_->addAction(icon, title);
    action->setCheckable(true);
    action->setData(index);
    if (index < kNumberedShortcuts)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    if (panelActions_.isEmpty()) {
        auto *group = new QActionGroup(this);
        group->setExclusive(true);
        action->setActionGroup(group);
    } else {
        action->setActionGroup(panelActions_.first()->actionGroup());
    }
    connect(action, &QAction::triggered, this, [this, index] { setCurrentPanel(index); });
    panelActions_.append(action);
    viewMenu_->setEnabled(true);

    sidebar_->setFixedWidth(sidebar_->sizeHintForColumn(0) + 2 * sidebar_->frameWidth() +
                            2 * sidebar_->spacing());
    if (index == 0)
        setCurrentPanel(0);
    return index;
}

int MainWindow::panelCount() const
{
    return stack_->count();
}

int MainWindow::currentPanel() const
{
    return stack_->currentIndex();
}

QWidget *MainWindow::panel(int index) const
{
    return stack_->widget(index);
}

void MainWindow::setCurrentPanel(int index)
{
    if (index < 0 || index >= stack_->count())
        return;
    sidebar_->setCurrentRow(index);
}

void MainWindow::setSharingStatus(const QString &text)
{
    status_->setText(text);
}

QString MainWindow::sharingStatus() const
{
    return status_->text();
}

void MainWindow::setPanicShortcut(const QKeySequence &shortcut)
{
    panicShortcut_ = shortcut;
}

void MainWindow::showGettingStarted()
{
    // Not modal: the person may want to follow the steps with the dialog still open.
    if (!gettingStarted_) {
        gettingStarted_ = new GettingStartedDialog(panicShortcut_, this);
        gettingStarted_->setAttribute(Qt::WA_DeleteOnClose);
    }
    gettingStarted_->show();
    gettingStarted_->raise();
    gettingStarted_->activateWindow();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Baton"),
        tr("<h3>Baton %1</h3>"
           "<p>Share one application window with many viewers, and pass control between "
           "them like a baton.</p>"
           "<p>Updates travel as T.128 application-sharing PDUs over TLS.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

} // namespace baton::ui
