// Transactions and savepoints.
#include "store/transaction.hpp"

namespace jh::store {

Transaction::Transaction(Connection& db) : db_(db), outermost_(!db.in_transaction()) {
    if (outermost_) db_.renew_epoch();
    db_.exec(outermost_ ? "BEGIN IMMEDIATE" : "SAVEPOINT jh_nested");
}

void Transaction::commit() {
    db_.exec(outermost_ ? "COMMIT" : "RELEASE jh_nested");
    done_ = true;
}

Transaction::~Transaction() {
    if (done_) return;
    db_.renew_epoch();
    try {
        if (outermost_) {
            // A failed COMMIT or an error like SQLITE_FULL may already have ended the transaction.
            if (db_.in_transaction()) db_.exec("ROLLBACK");
        } else {
            db_.exec("ROLLBACK TO jh_nested; RELEASE jh_nested");
        }
    } catch (...) {
        // Nothing more can be done from a destructor; the connection closes the transaction.
    }
}

}  // namespace jh::store
