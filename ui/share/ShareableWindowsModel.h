#pragma once

#include "core/capture/WindowInfo.h"

#include <QAbstractListModel>
#include <QImage>
#include <QList>

namespace baton::ui {

// The windows a person can share, with their titles and thumbnails. Updated in place
// from each new listing (rows come and go, the rest keep their thumbnails and the
// view keeps its selection).
class ShareableWindowsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        WindowInfoRole = Qt::UserRole + 1, // QVariant<baton::WindowInfo>
        WindowIdRole, // quint64
    };

    using QAbstractListModel::QAbstractListModel;

    void setWindows(const QList<WindowInfo> &windows);
    void setThumbnail(quint64 windowId, const QImage &thumbnail);
    int rowOf(quint64 windowId) const;
    const WindowInfo &windowAt(int row) const { return rows_.at(row).info; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        WindowInfo info;
        QImage thumbnail;
    };
    QList<Row> rows_;
};

} // namespace baton::ui
