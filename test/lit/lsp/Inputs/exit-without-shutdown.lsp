LSP: send {"id":1,"method":"initialize","params":{"capabilities":{}}}
LSP: expect id=1
LSP: send {"method":"exit"}
LSP: exit
