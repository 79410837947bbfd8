#include "ui/share/WindowPicker.h"

#include "ui/share/ShareableWindowsModel.h"
#include "ui/share/WindowThumbnailer.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

const QSize kThumbnailSize(192, 120);

} // namespace

WindowPicker::WindowPicker(QWidget *parent)
    : QWidget(parent),
      model_(new ShareableWindowsModel(this)),
      filter_(new QSortFilterProxyModel(this)),
      thumbnailer_(new WindowThumbnailer(kThumbnailSize, this)),
      search_(new QLineEdit(this)),
      view_(new QListView(this)),
      status_(new QLabel(this))
{
    filter_->setSourceModel(model_);
    filter_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter_->setFilterRole(Qt::DisplayRole);

    auto *searchLabel = new QLabel(tr("Searc&h windows:"), this);
    searchLabel->setBuddy(search_);
    search_->setPlaceholderText(tr("Part of a window title"));
    search_->setAccessibleName(tr("Search windows by title"));
    search_->setClearButtonEnabled(true);
    connect(search_, &QLineEdit::textChanged, filter_,
            &QSortFilterProxyModel::setFilterFixedString);

    view_->setModel(filter_);
    view_->setObjectName(QStringLiteral("shareableWindows"));
    view_->setViewMode(QListView::IconMode);
    view_->setIconSize(kThumbnailSize);
    view_->setGridSize(kThumbnailSize + QSize(32, 48));
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setWordWrap(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setAccessibleName(tr("Windows that can be shared"));
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WindowPicker::currentWindowChanged);
    connect(view_, &QListView::activated, this, &WindowPicker::windowActivated);

    status_->setWordWrap(true);
    status_->setAccessibleName(tr("Window list status"));
    status_->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(search_, 1);
    layout->addLayout(searchRow);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    setTabOrder(search_, view_);

    connect(thumbnailer_, &WindowThumbnailer::listed, this, &WindowPicker::onListed);
    connect(thumbnailer_, &WindowThumbnailer::thumbnailReady, model_,
            &ShareableWindowsModel::setThumbnail);
    connect(thumbnailer_, &WindowThumbnailer::refreshed, this, &WindowPicker::refreshed);
    timer_.setInterval(kRefreshIntervalMs);
    // Not while disabled (a share is running): the grabs would take from its capture.
    connect(&timer_, &QTimer::timeout, this, [this] {
        if (isEnabled() && canList_)
            refresh();
    });
}

WindowPicker::~WindowPicker() = default;

std::optional<WindowInfo> WindowPicker::currentWindow() const
{
    const QModelIndex current = view_->currentIndex();
    if (!current.isValid() || !view_->selectionModel()->isSelected(current))
        return std::nullopt;
    return current.data(ShareableWindowsModel::WindowInfoRole).value<WindowInfo>();
}

void WindowPicker::refresh()
{
    thumbnailer_->refresh();
}

void WindowPicker::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!canList_)
        return;
    refresh();
    timer_.start();
}

void WindowPicker::hideEvent(QHideEvent *event)
{
    timer_.stop();
    QWidget::hideEvent(event);
}

void WindowPicker::onListed(const QList<WindowInfo> &windows, const QString &backend,
                            const QStringList &refusals)
{
    model_->setWindows(windows);
    canList_ = !backend.isEmpty();
    if (!canList_) {
        timer_.stop();
        status_->setText(tr("Windows cannot be listed on this desktop (%1). Baton lists the "
                            "windows of an X11 session: log in to one to share a window.")
                             .arg(refusals.join(QStringLiteral("; "))));
        status_->show();
    } else if (windows.isEmpty()) {
        status_->setText(tr("No window to share yet. Open the application you want to "
                            "share: its window appears here."));
        status_->show();
    } else {
        status_->hide();
    }
}

} // namespace baton::ui
