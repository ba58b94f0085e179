// RAII transaction: all of a scope's writes or none. The outermost one is BEGIN IMMEDIATE (the
// write lock is taken up front, so two writers wait on busy_timeout instead of deadlocking on
// an upgrade); nested ones are SAVEPOINTs, so a failing inner step rolls back only itself when
// the caller handles the failure. Not committed by the end of the scope means rolled back.
#pragma once
#include "store/connection.hpp"

namespace jh::store {

class Transaction {
public:
    explicit Transaction(Connection& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Connection& db_;
    bool outermost_;
    bool done_ = false;
};

}  // namespace jh::store
