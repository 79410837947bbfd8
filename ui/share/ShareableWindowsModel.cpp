#include "ui/share/ShareableWindowsModel.h"

#include <QSet>

namespace baton::ui {

void ShareableWindowsModel::setWindows(const QList<WindowInfo> &windows)
{
    QSet<quint64> present;
    for (const WindowInfo &window : windows)
        present.insert(window.id);
    for (int row = int(rows_.size()) - 1; row >= 0; --row) {
        if (present.contains(rows_[row].info.id))
            continue;
        beginRemoveRows({}, row, row);
        rows_.removeAt(row);
        endRemoveRows();
    }
    for (const WindowInfo &window : windows) {
        const int row = rowOf(window.id);
        if (row >= 0) {
            rows_[row].info = window;
            emit dataChanged(index(row), index(row));
            continue;
        }
        beginInsertRows({}, int(rows_.size()), int(rows_.size()));
        rows_.append({window, {}});
        endInsertRows();
    }
}

void ShareableWindowsModel::setThumbnail(quint64 windowId, const QImage &thumbnail)
{
    const int row = rowOf(windowId);
    if (row < 0)
        return;
    rows_[row].thumbnail = thumbnail;
    emit dataChanged(index(row), index(row), {Qt::DecorationRole});
}

int ShareableWindowsModel::rowOf(quint64 windowId) const
{
    for (int row = 0; row < int(rows_.size()); ++row)
        if (rows_[row].info.id == windowId)
            return row;
    return -1;
}

int ShareableWindowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ShareableWindowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const Row &row = rows_[index.row()];
    const QString title =
        row.info.title.isEmpty() ? tr("(untitled %1)").arg(row.info.className) : row.info.title;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return title;
    case Qt::DecorationRole:
        return row.thumbnail.isNull() ? QVariant() : QVariant(row.thumbnail);
    case Qt::ToolTipRole:
        return tr("%1\n%2, %3 × %4 pixels")
            .arg(title, row.info.className)
            .arg(row.info.geometry.width)
            .arg(row.info.geometry.height);
    case WindowInfoRole:
        return QVariant::fromValue(row.info);
    case WindowIdRole:
        return QVariant::fromValue<quint64>(row.info.id);
    default:
        return {};
    }
}

} // namespace baton::ui
