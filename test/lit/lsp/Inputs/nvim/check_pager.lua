-- Run by neovim.test in `nvim --headless`: waits for yieldcheck's findings
-- on examples/pager.cpp, writes vim.diagnostic.get() as JSON, fixes one bug
-- with nvim_buf_set_lines (not saved) and writes them again.
local out = vim.env.LSP_OUT
local buf = vim.api.nvim_get_current_buf()

local function finish(code)
  vim.schedule(function() vim.cmd(code == 0 and 'qa!' or 'cquit') end)
end

local function write(tag)
  local text = vim.fn.json_encode(vim.diagnostic.get(buf))
  local f = assert(io.open(out .. '.' .. tag .. '.json', 'w'))
  f:write(text)
  f:close()
end

local function has_line(lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == lnum then return true end
  end
  return false
end

-- The first analysis parses the headers: allow a loaded CI machine time.
if not vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 100) then
  io.stderr:write('no diagnostics from yieldcheck lsp\n')
  return finish(1)
end
write('opened')

-- Pager::fetch_page counts a miss before the read yields: drop the count.
-- The line is found by its text, so that edits above it do not move the test.
local lnum
for i, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if text:find('misses_%+%+;  // BUG') then lnum = i - 1 break end
end
assert(lnum, 'pager.cpp has no misses_ bug')
vim.api.nvim_buf_set_lines(buf, lnum, lnum + 1, false,
                           { '  // (fixed: the miss is counted after the read)' })
if not vim.wait(60000, function() return not has_line(lnum) end, 100) then
  io.stderr:write('the fixed finding did not go away\n')
  return finish(1)
end
write('edited')
local f = assert(io.open(out .. '.modified', 'w'))
f:write(vim.bo[buf].modified and 'modified\n' or 'saved\n')
f:close()
finish(0)
