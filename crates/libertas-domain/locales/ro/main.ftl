app-name = Libertas
