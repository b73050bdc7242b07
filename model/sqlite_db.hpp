// RAII handles over the SQLite C API: a connection, a prepared statement, a transaction guard.
// Every value goes through sqlite3_bind_*; every failure is a Result error naming the database path and
// the operation. Depends on SQLite and model/error.hpp only; knows nothing of the workspace schema.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace bulwark::model {

class SqliteStatement;

// One open connection. Move-only; closes on destruction.
class SqliteDb {
public:
    SqliteDb() = default;
    SqliteDb(SqliteDb&& other) noexcept;
    SqliteDb& operator=(SqliteDb&& other) noexcept;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    // Opens (creating if missing) a database file read-write. Does not touch the file's contents.
    static Result<SqliteDb> open(const std::filesystem::path& path);

    // Runs SQL text with no parameters and no rows wanted (DDL, BEGIN/COMMIT, pragmas).
    // `operation` names what is being done, for the error message.
    Result<void> exec(std::string_view sql, std::string_view operation);

    // Compiles one statement; its values are then bound with SqliteStatement::bind.
    Result<SqliteStatement> prepare(std::string_view sql, std::string_view operation);

    // Runs a statement that yields one integer (e.g. "PRAGMA user_version").
    Result<std::int64_t> queryInt(std::string_view sql, std::string_view operation);
    // Runs a statement that yields one text value (e.g. "PRAGMA journal_mode=WAL").
    Result<std::string> queryText(std::string_view sql, std::string_view operation);

    std::int64_t lastInsertRowid() const;
    const std::filesystem::path& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    // "database /x/y.db: <operation>: <detail>"
    Error error(std::string_view operation, std::string_view detail) const;
    // Same, with the connection's current sqlite3_errmsg as the detail.
    Error lastError(std::string_view operation) const;

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

// Builds "database <path>: <operation>: <detail>", the shape of every error from this layer.
Error sqliteError(const std::filesystem::path& path, std::string_view operation, std::string_view detail);

// A prepared statement. Bind indices are 1-based (SQLite's convention); column indices 0-based.
class SqliteStatement {
public:
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    // Bind failures (index out of range, out of memory) are remembered and reported by the next step().
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, double value);           // NaN is stored as NULL by SQLite
    SqliteStatement& bind(int index, std::string_view text);  // copied (SQLITE_TRANSIENT)
    SqliteStatement& bind(int index, std::optional<std::int64_t> value);  // nullopt -> NULL
    SqliteStatement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    SqliteStatement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }

    // true: a row is ready to read; false: the statement has finished.
    Result<bool> step();
    // step() that expects completion with no row (INSERT/UPDATE/DELETE).
    Result<void> run();
    // Clears bindings and rewinds, to run the same statement again with new values.
    void reset();

    bool isNull(int col) const;
    std::int64_t columnInt(int col) const;
    std::optional<std::int64_t> columnOptInt(int col) const;
    double columnDouble(int col) const;  // NULL reads back as NaN (the value SQLite turned into NULL)
    std::string columnText(int col) const;

private:
    friend class SqliteDb;
    SqliteStatement(sqlite3* db, std::string path, sqlite3_stmt* stmt, std::string operation)
        : m_db(db), m_path(std::move(path)), m_stmt(stmt), m_operation(std::move(operation)) {}
    void noteBind(int rc, int index);

    sqlite3* m_db = nullptr;  // the owning connection; a statement must not outlive it
    std::string m_path;       // for error messages
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_operation;
    std::string m_bindError;  // first bind failure, reported by step()
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so two writers wait on busy_timeout
// instead of deadlocking on a lock upgrade); ROLLBACK on destruction unless commit() succeeded.
class SqliteTransaction {
public:
    static Result<SqliteTransaction> begin(SqliteDb& db, std::string_view operation);
    SqliteTransaction(SqliteTransaction&& other) noexcept;
    SqliteTransaction& operator=(SqliteTransaction&&) = delete;
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    ~SqliteTransaction();

    Result<void> commit();

private:
    SqliteTransaction(SqliteDb* db, std::string operation) : m_db(db), m_operation(std::move(operation)) {}
    SqliteDb* m_db = nullptr;  // null once committed or rolled back; must not outlive the connection
    std::string m_operation;
};

}  // namespace bulwark::model
