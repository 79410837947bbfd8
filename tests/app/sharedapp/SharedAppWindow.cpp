#include "SharedAppWindow.h"

#include "Say.h"
#include "WindowPicture.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace baton::sharedapp {
namespace {

constexpr int kWidthPx = 640;
constexpr int kHeightPx = 400;
constexpr int kComboItems = 8;
// Long enough for a test to compare pictures while it shows; it goes when the pointer
// leaves the button.
constexpr int kToolTipShownMs = 60000;

QJsonObject pointJson(const QPoint &point)
{
    return QJsonObject{{QStringLiteral("x"), point.x()}, {QStringLiteral("y"), point.y()}};
}

} // namespace

SharedAppWindow::SharedAppWindow(const QString &picturePath, QWidget *parent)
    : QMainWindow(parent), picturePath_(picturePath)
{
    menuBar()->setNativeMenuBar(false); // in the window, where a share shows it
    menuBar()->addMenu(buildFileMenu());
    menuBar()->addMenu(buildEditMenu());
    setCentralWidget(buildCentre());
    resize(kWidthPx, kHeightPx);
    // Qt shows tooltips only in the active window, and with no window manager (Xvfb) a
    // window the pointer merely hovers never becomes active.
    setAttribute(Qt::WA_AlwaysShowToolTips);
}

QMenu *SharedAppWindow::buildFileMenu()
{
    fileMenu_ = new QMenu(tr("&File"), this);
    sayHello_ =
        fileMenu_->addAction(tr("Say &hello"), this, [] { say(QStringLiteral("picked: hello")); });
    fileMenu_->addAction(tr("Open &dialog…"), this, &SharedAppWindow::openDialog);
    fileMenu_->addSeparator();
    fileMenu_->addAction(tr("&Quit"), this, &QWidget::close);
    return fileMenu_;
}

QMenu *SharedAppWindow::buildEditMenu()
{
    auto *edit = new QMenu(tr("&Edit"), this);
    for (const QString &item : {tr("Undo"), tr("Cut"), tr("Copy"), tr("Paste")})
        edit->addAction(item, this, [item] { say(QStringLiteral("picked: ") + item.toLower()); });
    return edit;
}

QWidget *SharedAppWindow::buildCentre()
{
    auto *centre = new QWidget(this);
    auto *layout = new QVBoxLayout(centre);
    layout->addWidget(new QLabel(tr("A window shared with its menus, popups and dialogs.")));

    // Where keys typed into the window go: it has the focus whenever the window does.
    textField_ = new QLineEdit;
    connect(textField_, &QLineEdit::textChanged, this, &SharedAppWindow::sayText);
    layout->addWidget(textField_);
    textField_->setFocus();

    toolTipButton_ = new QPushButton(tr("Hover for a tooltip"));
    toolTipButton_->setToolTip(tr("A tooltip, shared like the window"));
    toolTipButton_->setToolTipDuration(kToolTipShownMs);
    layout->addWidget(toolTipButton_);

    dialogButton_ = new QPushButton(tr("Open a dialog"));
    connect(dialogButton_, &QPushButton::clicked, this, &SharedAppWindow::openDialog);
    layout->addWidget(dialogButton_);
    layout->addStretch();

    // At the bottom, so that its list opens past the window's edge: the share grows.
    combo_ = new QComboBox;
    for (int i = 1; i <= kComboItems; ++i)
        combo_->addItem(tr("Item %1").arg(i));
    connect(combo_, &QComboBox::activated, this,
            [this](int index) { say(QStringLiteral("combo: ") + combo_->itemText(index)); });
    layout->addWidget(combo_);
    return centre;
}

void SharedAppWindow::openDialog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("A modal dialog"));
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Shared with the window that opened it.")));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // Where OK lies in this window's coordinates, once the dialog is up: Qt places it
    // over this window as it shows, and it is a window of its own (hence the global
    // coordinates in between).
    const QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QMetaObject::invokeMethod(
        &dialog,
        [this, ok] {
            say(QString::fromUtf8(
                QJsonDocument(
                    QJsonObject{{QStringLiteral("dialog_ok"),
                                 pointJson(mapFromGlobal(ok->mapToGlobal(ok->rect().center())))}})
                    .toJson(QJsonDocument::Compact)));
        },
        Qt::QueuedConnection);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    say(accepted ? QStringLiteral("dialog: accepted") : QStringLiteral("dialog: rejected"));
}

void SharedAppWindow::sayText(const QString &text)
{
    if (!picturePath_.isEmpty())
        saveWindowPicture(*this, picturePath_);
    say(QStringLiteral("text: ") + text);
}

QJsonObject SharedAppWindow::clickPoints() const
{
    const auto inWindow = [this](const QWidget *widget, const QPoint &point) {
        return widget->mapTo(this, point);
    };
    // QMenuBar opens a menu with its top-left at the bottom-left of the menu's title.
    const QRect fileTitle = menuBar()->actionGeometry(fileMenu_->menuAction());
    const QPoint menuOrigin = inWindow(menuBar(), fileTitle.bottomLeft() + QPoint(0, 1));
    return QJsonObject{
        {QStringLiteral("file_menu"), pointJson(inWindow(menuBar(), fileTitle.center()))},
        {QStringLiteral("say_hello"),
         pointJson(menuOrigin + fileMenu_->actionGeometry(sayHello_).center())},
        {QStringLiteral("text_field"),
         pointJson(inWindow(textField_, textField_->rect().center()))},
        {QStringLiteral("combo"), pointJson(inWindow(combo_, combo_->rect().center()))},
        {QStringLiteral("tooltip_button"),
         pointJson(inWindow(toolTipButton_, toolTipButton_->rect().center()))},
        {QStringLiteral("dialog_button"),
         pointJson(inWindow(dialogButton_, dialogButton_->rect().center()))},
    };
}

} // namespace baton::sharedapp
