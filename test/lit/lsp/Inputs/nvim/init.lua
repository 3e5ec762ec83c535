-- A minimal Neovim (0.7+) configuration: `yieldcheck lsp` for C and C++
-- buffers, beside any other server (clangd) the user runs. docs/editors.md
-- shows the same; YIELDCHECK names the binary here.
vim.cmd('filetype on')
local yieldcheck = vim.env.YIELDCHECK or 'yieldcheck'

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp' },
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local client = vim.lsp.start_client({
      name = 'yieldcheck',
      cmd = { yieldcheck, 'lsp' },
      root_dir = vim.fn.fnamemodify(file, ':p:h'),
    })
    if client then
      vim.lsp.buf_attach_client(args.buf, client)
    end
  end,
})
