#pragma once

#include "core/capture/WindowInfo.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace baton::ui {

class ShareableWindowsModel;
class WindowThumbnailer;

// Choosing the window to share: the shareable windows with live thumbnails (refreshed
// every few seconds while the picker is visible and enabled) and a search by title.
class WindowPicker : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 3000;

    explicit WindowPicker(QWidget *parent = nullptr);
    ~WindowPicker() override;

    std::optional<WindowInfo> currentWindow() const;
    // Lists again now (and keeps refreshing while visible).
    void refresh();

    QLineEdit *searchField() const { return search_; }
    QListView *view() const { return view_; }
    ShareableWindowsModel *model() const { return model_; }

signals:
    void currentWindowChanged();
    // A window was double-clicked or activated with Enter: share it.
    void windowActivated();
    // After each listing and its thumbnails.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onListed(const QList<WindowInfo> &windows, const QString &backend,
                  const QStringList &refusals);

    ShareableWindowsModel *model_;
    QSortFilterProxyModel *filter_;
    WindowThumbnailer *thumbnailer_;
    QLineEdit *search_;
    QListView *view_;
    QLabel *status_;
    QTimer timer_;
    // False once no backend could list windows: that does not change while running.
    bool canList_ = true;
};

} // namespace baton::ui
