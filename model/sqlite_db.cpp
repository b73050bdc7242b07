#include "model/sqlite_db.hpp"

#include <sqlite3.h>

#include <cctype>
#include <limits>
#include <utility>

#include <fmt/core.h>

namespace bulwark::model {

Error sqliteError(const std::filesystem::path& path, std::string_view operation, std::string_view detail) {
    return makeError(fmt::format("database {}: {}: {}", path.string(), operation, detail));
}

// ---- SqliteDb ----------------------------------------------------------------------------------------

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
    if (this != &other) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

SqliteDb::~SqliteDb() {
    // close_v2 defers the close if a statement is still alive instead of failing; the last connection
    // to close also checkpoints the WAL into the main file.
    if (m_db) sqlite3_close_v2(m_db);
}

Result<SqliteDb> SqliteDb::open(const std::filesystem::path& path) {
    SqliteDb db;
    db.m_path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &db.m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        // open_v2 may hand back a handle even on failure; it holds the message and must still be closed.
        std::string detail = db.m_db ? sqlite3_errmsg(db.m_db) : sqlite3_errstr(rc);
        return std::unexpected(sqliteError(path, "open", detail));
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    return db;
}

Error SqliteDb::error(std::string_view operation, std::string_view detail) const {
    return sqliteError(m_path, operation, detail);
}

Error SqliteDb::lastError(std::string_view operation) const {
    return error(operation, m_db ? sqlite3_errmsg(m_db) : "database is not open");
}

Result<void> SqliteDb::exec(std::string_view sql, std::string_view operation) {
    if (!m_db) return std::unexpected(error(operation, "database is not open"));
    char* message = nullptr;
    const std::string text(sql);  // sqlite3_exec wants a terminated string
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return std::unexpected(error(operation, detail));
    }
    return {};
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql, std::string_view operation) {
    if (!m_db) return std::unexpected(error(operation, "database is not open"));
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(lastError(operation));
    }
    SqliteStatement result(m_db, m_path.string(), stmt, std::string(operation));
    // One statement per prepare: a second one in the text would be silently ignored by SQLite.
    for (const char* p = tail; p && p < sql.data() + sql.size(); ++p) {
        if (!std::isspace(static_cast<unsigned char>(*p)) && *p != ';') {
            return std::unexpected(error(operation, "more than one SQL statement in one prepare"));
        }
    }
    if (!stmt) return std::unexpected(error(operation, "empty SQL statement"));
    return result;
}

Result<std::int64_t> SqliteDb::queryInt(std::string_view sql, std::string_view operation) {
    auto stmt = prepare(sql, operation);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::unexpected(error(operation, "no result row"));
    return stmt->columnInt(0);
}

Result<std::string> SqliteDb::queryText(std::string_view sql, std::string_view operation) {
    auto stmt = prepare(sql, operation);
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::unexpected(error(operation, "no result row"));
    return stmt->columnText(0);
}

std::int64_t SqliteDb::lastInsertRowid() const { return m_db ? sqlite3_last_insert_rowid(m_db) : 0; }

// ---- SqliteStatement ---------------------------------------------------------------------------------

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_operation(std::move(other.m_operation)),
      m_bindError(std::move(other.m_bindError)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
    if (this != &other) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_operation = std::move(other.m_operation);
        m_bindError = std::move(other.m_bindError);
    }
    return *this;
}

SqliteStatement::~SqliteStatement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

void SqliteStatement::noteBind(int rc, int index) {
    if (rc != SQLITE_OK && m_bindError.empty()) {
        m_bindError = fmt::format("binding parameter {}: {}", index, sqlite3_errstr(rc));
    }
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    noteBind(sqlite3_bind_int64(m_stmt, index, value), index);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
    noteBind(sqlite3_bind_double(m_stmt, index, value), index);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    // A non-null pointer even for an empty view, so "" is stored as '' and not as NULL.
    const char* data = text.data() ? text.data() : "";
    noteBind(sqlite3_bind_text64(m_stmt, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::optional<std::int64_t> value) {
    if (value) return bind(index, *value);
    noteBind(sqlite3_bind_null(m_stmt, index), index);
    return *this;
}

Result<bool> SqliteStatement::step() {
    if (!m_bindError.empty()) return std::unexpected(sqliteError(m_path, m_operation, m_bindError));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return std::unexpected(sqliteError(m_path, m_operation, sqlite3_errmsg(m_db)));
}

Result<void> SqliteStatement::run() {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (*row) return std::unexpected(sqliteError(m_path, m_operation, "statement returned a row unexpectedly"));
    return {};
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError.clear();
}

bool SqliteStatement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

std::int64_t SqliteStatement::columnInt(int col) const { return sqlite3_column_int64(m_stmt, col); }

std::optional<std::int64_t> SqliteStatement::columnOptInt(int col) const {
    if (isNull(col)) return std::nullopt;
    return columnInt(col);
}

double SqliteStatement::columnDouble(int col) const {
    if (isNull(col)) return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(m_stmt, col);
}

std::string SqliteStatement::columnText(int col) const {
    const unsigned char* text = sqlite3_column_text(m_stmt, col);  // before _bytes, per the SQLite docs
    const int bytes = sqlite3_column_bytes(m_stmt, col);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

// ---- SqliteTransaction -------------------------------------------------------------------------------

Result<SqliteTransaction> SqliteTransaction::begin(SqliteDb& db, std::string_view operation) {
    auto started = db.exec("BEGIN IMMEDIATE", operation);
    if (!started) return std::unexpected(started.error());
    return SqliteTransaction(&db, std::string(operation));
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_operation(std::move(other.m_operation)) {}

SqliteTransaction::~SqliteTransaction() {
    // Some errors (disk full, I/O) make SQLite roll back by itself; only roll back what is still open.
    if (m_db && m_db->handle() && !sqlite3_get_autocommit(m_db->handle())) {
        sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

Result<void> SqliteTransaction::commit() {
    if (!m_db) return std::unexpected(makeError(fmt::format("{}: transaction already finished", m_operation)));
    auto done = m_db->exec("COMMIT", m_operation);
    if (!done) return done;  // still open: the destructor rolls it back
    m_db = nullptr;
    return {};
}

}  // namespace bulwark::model
