#pragma once

#include "core/session/FloorControl.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace baton::ui {

class ParticipantsModel;

// Who is watching and who drives: the participants table, the actions on the selected
// participant (grant, deny, pass to, revoke, remove), the floor policy, applied to the
// running share at once, and Take back.
class ParticipantsView : public QWidget {
    Q_OBJECT
public:
    explicit ParticipantsView(ParticipantsModel *model, QWidget *parent = nullptr);

    FloorPolicy policy() const;
    void setPolicy(FloorPolicy policy);
    // The selected participant's user id.
    std::optional<uint16_t> selectedUserId() const;
    void selectUser(uint16_t userId);

    QTableView *table() const { return table_; }
    QPushButton *grantButton() const { return grant_; }
    QPushButton *denyButton() const { return deny_; }
    QPushButton *passButton() const { return pass_; }
    QPushButton *revokeButton() const { return revoke_; }
    QPushButton *removeButton() const { return remove_; }
    QPushButton *takeBackButton() const { return takeBack_; }
    QComboBox *policyBox() const { return policyBox_; }
    // Says who will appear in the table while it is empty.
    QLabel *emptyLabel() const { return empty_; }

signals:
    void policyChanged(baton::FloorPolicy policy);
    // The Take back button.
    void takeBackRequested();

private:
    void updateActions();
    void updateEmptyState();
    void act(uint16_t userId, QPushButton *button);

    ParticipantsModel *model_;
    QTableView *table_;
    QLabel *empty_;
    QPushButton *grant_;
    QPushButton *deny_;
    QPushButton *pass_;
    QPushButton *revoke_;
    QPushButton *remove_;
    QComboBox *policyBox_;
    QPushButton *takeBack_;
};

} // namespace baton::ui
