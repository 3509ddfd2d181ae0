-- A `.txt` file under a folder with a corpus.toml is a summit report.
vim.filetype.add({
  pattern = {
    ['.*%.txt'] = {
      function(path)
        if vim.fs.root(path, 'corpus.toml') then
          return 'summit'
        end
      end,
      { priority = 10 },
    },
  },
})

vim.lsp.enable('summit_ls')
