"""The purchase category a CPV division implies: supplies are divisions 03–44 and 48, works 45, services 50–98."""


NO_DIVISION = "Code CPV absent ou mal formé"
CATEGORIES = {"travaux": "Travaux", "fournitures": "Fournitures", "services": "Services"}
