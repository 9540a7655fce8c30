# ruff: noqa: E501 - the taxonomy is data: one skill per line reads better than wrapped lines
"""The curated skill taxonomy as data: one line per canonical skill, grouped by category.

Line format: ``Canonical | alias, alias | Parent, Parent``. A term (the canonical name or an alias) ending in
``!`` matches with its exact case ("Go", "Excel", "React": each is also an English word); a term ending in
``?`` only counts when its sentence names another skill or a programming context word ("R", "C", "Go");
a canonical name ending in ``^`` is a label only: just its aliases match (the bare word "collaboration" is
not the skill, "cross-functional collaboration" is).
A line in brackets starts a category. Soft skills weigh less in scores; certification entries are
credentials, reported as job certifications rather than skills; stop lines are phrases that swallow a match
which would otherwise be wrong ("senior leadership" is not the skill Leadership). Multi-word terms also
match their plural and their hyphenated or line-wrapped spelling.
"""

from __future__ import annotations

TAXONOMY_VERSION = "2026.11.1"

TAXONOMY_TEXT = r"""
[language]
Python | Python3, Python 3, CPython |
JavaScript | JS!, ECMAScript, ES6, ES2015, Javascript, vanilla JS |
TypeScript | TS!? | JavaScript
Java | Java 8, Java 11, Java 17, J2EE, Java EE |
C!? | ANSI C, C language, C programming |
C++ | CPP! |
C# | C Sharp, CSharp | .NET
Go!? | Golang |
Rust! | Rust language |
Ruby! | Ruby language |
PHP | PHP7, PHP 8 |
Swift! | Swift language, SwiftUI |
Kotlin | |
Scala | |
R!? | R programming, R language, RStudio, R Studio, tidyverse |
MATLAB | Matlab |
Perl | |
Bash | Bash scripting, shell scripting, Shell!, sh scripting, Unix shell |
PowerShell | Powershell |
SQL | Structured Query Language, SQL queries, SQL query, query writing |
T-SQL | TSQL, Transact-SQL | SQL
PL/SQL | PLSQL | SQL, Oracle
Objective-C | ObjC, Objective C |
Dart! | |
Elixir | |
Erlang | |
Haskell | |
Clojure | |
F# | FSharp | .NET
Lua | |
Julia!? | |
Groovy | |
VBA | Visual Basic for Applications, Excel VBA | Microsoft Excel
Visual Basic | VB.NET | .NET
COBOL | |
Fortran | |
Assembly Language | x86 assembly, ARM assembly |
Solidity | |
HTML | HTML5, HTML 5 |
CSS | CSS3, CSS 3 |
Sass | SCSS, Less CSS | CSS
GraphQL | Graph QL, GraphQL API, GraphQL APIs | API Development
WebAssembly | Wasm |

[frontend]
React! | React.js, ReactJS, React JS, React Hooks | JavaScript, Frontend Development
Next.js | NextJS, Next JS, Next.js App Router | React
Vue.js | Vue, VueJS, Vue 3 | JavaScript, Frontend Development
Nuxt.js | Nuxt, NuxtJS | Vue.js
Angular | AngularJS, Angular.js | TypeScript, Frontend Development
Svelte | SvelteKit | JavaScript, Frontend Development
Redux | Redux Toolkit | React
jQuery | | JavaScript
Tailwind CSS | Tailwind, TailwindCSS | CSS
Bootstrap! | | CSS
CSS-in-JS | styled-components, Emotion CSS | CSS, JavaScript
Material UI | MUI!, Material-UI | React
Webpack | | JavaScript
Vite! | Vitejs | JavaScript
Storybook | | Frontend Development
Ember.js | Ember!, EmberJS | JavaScript
Backbone.js | Backbone!, BackboneJS | JavaScript
Three.js | ThreeJS | JavaScript
D3.js | D3!, D3js | JavaScript, Data Visualization
Server-Side Rendering | SSR!, streaming SSR, server components, React Server Components, server-side rendering | Frontend Development
Responsive Design | responsive web design, responsive layouts, responsive layout, mobile-responsive, responsive web interfaces, responsive websites | Frontend Development
Accessibility | WCAG, WCAG 2.1, a11y, web accessibility, accessibility standards, accessibility compliance, accessible technologies, accessible design, inclusive design, accessibility audit |
Web Performance | frontend performance, Core Web Vitals, web vitals, page speed, performance budgets | Frontend Development
Frontend Development | front-end development, frontend development, front end development, frontend engineering, front-end engineering, UI development | Web Development
Web Development | web development, web applications development, web dev |
Full-Stack Development | full-stack development, full stack development, fullstack development, full-stack web applications, full-stack | Web Development
Single-Page Applications | SPA!, single page applications, single-page application | Frontend Development
Progressive Web Apps | PWA!, progressive web app | Frontend Development
WordPress | Wordpress |
Shopify | |

[backend]
Node.js | Node!, NodeJS, Node JS | JavaScript, Backend Development
Express.js | Express!, ExpressJS, Express JS | Node.js
NestJS | Nest.js | Node.js, TypeScript
Django | Django framework | Python, Backend Development
Django REST Framework | DRF!, Django REST, Django Rest Framework | Django, REST APIs
Flask! | Flask framework | Python, Backend Development
FastAPI | Fast API | Python, Backend Development
Spring Boot | SpringBoot | Spring, Java
Spring! | Spring Framework, Spring MVC | Java, Backend Development
Hibernate | | Java
Ruby on Rails | Rails!, RoR! | Ruby, Backend Development
Laravel | | PHP
Symfony | | PHP
ASP.NET | ASP.NET Core, ASP.NET MVC | .NET
.NET | .NET Core, .NET Framework, dotnet, .NET 6 |
gRPC | Protocol Buffers, protobuf |
REST APIs | REST!, RESTful, RESTful APIs, REST API, RESTful API, RESTful services, REST services | API Development
API Development | APIs!, API!, web APIs, API development, API design, API integration, API integrations, third-party APIs |
WebSockets | WebSocket, socket.io |
Asynchronous Programming | asyncio, async programming, async/await, asynchronous programming |
Concurrency | multithreading, multi-threading, concurrent programming, parallel programming |
Celery! | | Python
RabbitMQ | Rabbit MQ | Message Queues
Apache Kafka | Kafka, Kafka Streams, Confluent Kafka | Event-Driven Architecture, Message Queues
Message Queues | message queue, message queuing, message brokers, message broker, messaging queues, pub/sub |
Event-Driven Architecture | event-driven, event driven architecture, event-driven messaging, event sourcing, event-driven systems |
Microservices | microservice, micro-services, microservices architecture, microservice architecture, microservices decomposition | Software Architecture
Software Architecture | software architecture, system architecture, architectural decisions, solution architecture |
System Design | system design, systems design |
Distributed Systems | distributed systems, distributed system, distributed computing, distributed compute |
Backend Development | back-end development, backend development, backend engineering, back-end engineering, server-side development |
Software Development | software development, software engineering, software design |
Data Structures | data structures, data structure |
Algorithms | algorithms, algorithm design |
Object-Oriented Programming | OOP!, object oriented programming, object-oriented design, OOD! |
Design Patterns | design patterns, software design patterns |
Functional Programming | functional programming |
Caching | caching, caching strategies, caching patterns |
Query Optimization | query optimization, database optimization, query tuning, indexing strategies, SQL tuning | SQL
OAuth | OAuth2, OAuth 2.0, OpenID Connect, OIDC! | Authentication
Authentication | authentication, authorization, SSO!, single sign-on, JWT!, JSON Web Tokens |
Payment Processing | payment processing, payment integration, Stripe API, payment gateways |
Code Review | code review, code reviews, reviewing code, review code, peer code review |
Debugging | debugging, debug |
Technical Documentation | documentation, technical documentation, technical writing, system documentation, process documentation, API documentation |
Version Control | version control, source control, version control systems |
Git | Git version control | Version Control
GitHub | Github | Git
GitLab | Gitlab | Git
Bitbucket | | Git
Linux | GNU/Linux, Ubuntu, Debian, CentOS, RHEL, Red Hat Enterprise Linux |
Unix | |
Windows Server | Windows server administration |
Embedded Systems | embedded systems, embedded software, firmware, embedded C |
Game Development | game development, Unity3D, Unity!, Unreal Engine |
Blockchain | blockchain, smart contracts, Web3, Ethereum |

[mobile]
iOS | iOS!, iOS development, iPhone development | Mobile Development
Android | Android!, Android development, Android SDK | Mobile Development
React Native | ReactNative | React, Mobile Development
Flutter | Flutter SDK | Dart, Mobile Development
Ionic! | | Mobile Development
Xamarin | | .NET, Mobile Development
Mobile Development | mobile development, mobile app development, mobile apps, mobile app, mobile applications |
Jetpack Compose | | Android, Kotlin

[testing]
Unit Testing | unit testing, unit tests, unit test | Software Testing
Integration Testing | integration testing, integration tests | Software Testing
End-to-End Testing | end-to-end testing, end to end testing, E2E testing, e2e tests, end-to-end tests | Software Testing
Test Automation | test automation, automated testing, automated tests, automation testing, automated testing suite | Software Testing
Test-Driven Development | TDD!, test driven development, test-driven development | Software Testing
Behavior-Driven Development | BDD!, behavior driven development, Cucumber | Software Testing
Software Testing | software testing, QA testing, manual testing, regression testing, testability |
Quality Assurance | quality assurance, QA! |
Jest! | Jest framework | JavaScript, Unit Testing
Vitest | | JavaScript, Unit Testing
Mocha! | Mocha.js | JavaScript, Unit Testing
Cypress | Cypress.io | End-to-End Testing
Playwright | | End-to-End Testing
Selenium | Selenium WebDriver | Test Automation
pytest | PyTest | Python, Unit Testing
JUnit | JUnit5 | Java, Unit Testing
Postman | | API Development
Load Testing | load testing, performance testing, stress testing, JMeter, Locust, k6! | Software Testing

[data]
PostgreSQL | Postgres, Postgre SQL, PostgresQL, psql, Postgres SQL | SQL, Relational Databases
MySQL | My SQL | SQL, Relational Databases
SQLite | SQLite3 | SQL, Relational Databases
Microsoft SQL Server | SQL Server, MSSQL, MS SQL, MS SQL Server | SQL, Relational Databases
Oracle | Oracle Database, Oracle DB, Oracle ERP, Oracle Cloud |
MariaDB | | SQL, Relational Databases
Relational Databases | relational databases, relational database, RDBMS, relational data modeling, database management systems, DBMS! | Databases
Databases | databases, database, database management, database administration, DBA! |
NoSQL | No SQL, NoSQL databases | Databases
MongoDB | Mongo!, Mongo DB, Mongoose | NoSQL
Redis | Redis cache | NoSQL, Caching
Memcached | | Caching
Cassandra | Apache Cassandra | NoSQL
DynamoDB | Amazon DynamoDB, Dynamo DB | NoSQL, AWS
Elasticsearch | Elastic Search, ElasticSearch, OpenSearch | NoSQL
Neo4j | graph databases, graph database | NoSQL
CouchDB | Couchbase | NoSQL
Firebase | Firestore | NoSQL
Supabase | | PostgreSQL
ClickHouse | | Data Warehousing
Snowflake! | Snowflake Data Cloud | Data Warehousing
BigQuery | Big Query, Google BigQuery | Data Warehousing, Google Cloud Platform
Amazon Redshift | Redshift, AWS Redshift | Data Warehousing, AWS
Databricks | | Apache Spark
Data Modeling | data modeling, data modelling, schema design, database design, dimensional modeling |
Data Warehousing | data warehousing, data warehouse, data warehouses, data warehouse design |
Data Lakes | data lake, data lakehouse, lakehouse |
ETL | ELT!, extract transform load, ETL pipelines, ETL processes | Data Pipelines
Data Pipelines | data pipeline, data pipelines, data pipeline construction | Data Engineering
Data Engineering | data engineering |
dbt! | data build tool | Data Warehousing, SQL
Apache Airflow | Airflow!, Airflow DAGs | Data Pipelines
Apache Spark | Spark!, PySpark, Spark SQL, Spark Streaming | Big Data
Hadoop | Apache Hadoop, HDFS, MapReduce | Big Data
Apache Hive | Hive!, HiveQL | Big Data
Apache Flink | Flink | Big Data
Dask | | Python, Distributed Systems
Ray!? | Ray framework, Ray Tune, Ray Serve | Python, Distributed Systems
Big Data | big data, big data technologies, big data tools, large-scale data processing |
Pandas | pandas library | Python
NumPy | Numpy | Python
SciPy | Scipy | Python
Jupyter | Jupyter Notebook, Jupyter notebooks, JupyterLab, IPython | Python
Matplotlib | | Python, Data Visualization
Seaborn | | Python, Data Visualization
Plotly | Plotly Dash | Data Visualization
Tableau | | Data Visualization, Business Intelligence
Power BI | PowerBI, Microsoft Power BI | Data Visualization, Business Intelligence
Looker! | Looker Studio, Google Data Studio | Data Visualization, Business Intelligence
Qlik | QlikView, Qlik Sense | Data Visualization, Business Intelligence
Alteryx | | Data Analysis
Data Analysis | data analysis, data analytics, analyzing data, analyze data, analyze large datasets, analyzing large datasets, data analyses |
Analytics | analytics |
Data Visualization | data visualization, data visualisation, data visualizations, data viz, dashboards, dashboard, visualization tools, data visualization tools |
Business Intelligence | business intelligence, BI tools, BI! |
Reporting^ | report writing, reporting tools, status reports, reporting and analysis |
Statistics | statistics, statistical analysis, statistical methods, statistical knowledge, statistical computing |
Statistical Modeling | statistical modeling, statistical modelling, statistical models | Statistics
Hypothesis Testing | hypothesis testing, significance testing, statistical testing | Statistics
Regression Analysis | regression analysis, linear regression, logistic regression, regression models | Statistics
Time Series Analysis | time series analysis, time series, time-series forecasting, time series forecasting | Statistics
Forecasting | forecasting, forecast, demand forecasting |
A/B Testing | A/B testing, A/B tests, A/B test, AB testing, split testing, multivariate testing, experimentation, experimentation frameworks, controlled experiments | Statistics
Data Mining | data mining, knowledge discovery |
Data Science | data science |
Predictive Modeling | predictive modeling, predictive modelling, predictive analytics, predictive models | Statistics
Feature Engineering | feature engineering, feature extraction, feature selection | Machine Learning
Model Selection | model selection, model evaluation, cross-validation, hyperparameter tuning | Machine Learning
Data Governance | data governance, data stewardship, master data management |
Data Quality | data quality, data validation, data cleaning, data cleansing, data wrangling |
DVC | Data Version Control | Version Control, MLOps
SPSS | IBM SPSS, SPSS Statistics | Statistics
SAS!? | SAS Enterprise Miner, SAS programming | Statistics
Stata | | Statistics
Displayr | Q/Displayr, Q Research Software | Statistics
Qualtrics | | Survey Research
Survey Research | survey research, survey design, surveys, survey data, survey data analysis, survey data analytics, questionnaire design |
Quantitative Research | quantitative research, quantitative methods, quantitative research methods, quantitative analysis | Statistics
Qualitative Research | qualitative research, qualitative methods, qualitative analysis, thematic analysis |
Market Research | market research, market researcher, market researchers, market analysis, market intelligence |
Google Sheets | Google Spreadsheets |

[ml]
Machine Learning | machine learning, ML!, ML engineering, applied ML, ML models, ML model, ML algorithms, ML systems, machine-learning | Artificial Intelligence
Deep Learning | deep learning, neural networks, neural network, deep neural networks, DNN!, CNN!, CNNs!, RNN!, LSTM | Machine Learning
Artificial Intelligence | artificial intelligence, AI!, intelligent systems |
Natural Language Processing | NLP!, natural language processing, natural language understanding, NLU!, text mining, text analytics, computational linguistics | Machine Learning
Computer Vision | computer vision, image recognition, object detection, image classification, image processing, image segmentation | Machine Learning
Reinforcement Learning | reinforcement learning | Machine Learning
Generative AI | generative AI, GenAI, Gen AI, generative models, diffusion models | Artificial Intelligence
Large Language Models | LLM!, LLMs!, large language models, large language model, fine-tuning LLMs, LLM fine-tuning | Generative AI
Prompt Engineering | prompt engineering, prompt design | Large Language Models
Retrieval-Augmented Generation | RAG!, retrieval augmented generation, retrieval-augmented generation, vector databases, vector search | Large Language Models
Recommendation Systems | recommendation systems, recommender systems, recommendation engines, recommendation engine, recommendation system, recommender system | Machine Learning
Sentiment Analysis | sentiment analysis, opinion mining | Natural Language Processing
TensorFlow | Tensorflow, TF2!, TensorFlow 2 | Deep Learning, Python
PyTorch | Pytorch, PyTorch Lightning | Deep Learning, Python
Keras | | Deep Learning, Python
scikit-learn | sklearn, scikit learn, SciKit-Learn | Machine Learning, Python
XGBoost | | Machine Learning
LightGBM | | Machine Learning
CatBoost | | Machine Learning
JAX! | | Deep Learning, Python
Hugging Face | Hugging Face Transformers, HuggingFace, HuggingFace Transformers, HF Transformers, Hugging Face Hub | Natural Language Processing, Python
spaCy | Spacy | Natural Language Processing, Python
NLTK | | Natural Language Processing, Python
OpenCV | | Computer Vision
LangChain | | Large Language Models
LlamaIndex | | Large Language Models
OpenAI API | OpenAI, ChatGPT API, GPT-4 | Large Language Models
MLflow | ML flow | MLOps
Kubeflow | | MLOps, Kubernetes
Weights & Biases | W&B!, wandb | MLOps
MLOps | ML Ops, ML operations, machine learning operations, model deployment pipelines | Machine Learning
Model Deployment | model deployment, deploying models, deploy models, model serving, inference deployment, productionize ML models, productionizing models, deploy machine learning models | MLOps
Model Monitoring | model monitoring, ML monitoring, data drift, concept drift, prediction drift, drift detection | MLOps
Feature Store | feature store, feature stores | MLOps
Feast!? | | Feature Store
Tecton | | Feature Store
Model Registry | model registry, model registries | MLOps
Triton Inference Server | Triton!, NVIDIA Triton | Model Deployment
Evidently!? | Evidently AI | Model Monitoring
WhyLogs | whylogs, WhyLabs | Model Monitoring
ONNX | | Machine Learning
CUDA | | Deep Learning
Amazon SageMaker | SageMaker, AWS SageMaker, SageMaker endpoints | AWS, MLOps
Vertex AI | Google Vertex AI | Google Cloud Platform, MLOps
Azure Machine Learning | Azure ML | Azure, MLOps
Bioinformatics | bioinformatics, computational biology |

[cloud]
AWS | Amazon Web Services, AWS cloud, AWS services | Cloud Computing
Amazon EC2 | EC2, AWS EC2 | AWS
Amazon S3 | S3!, AWS S3 | AWS
AWS Lambda | Lambda!, Lambda functions | AWS, Serverless
Amazon RDS | RDS!, AWS RDS | AWS, Relational Databases
Amazon ECS | ECS!, AWS ECS, Elastic Container Service, Fargate | AWS, Containerization
Amazon EKS | EKS!, AWS EKS, Elastic Kubernetes Service | AWS, Kubernetes
Amazon ElastiCache | ElastiCache | AWS, Caching
AWS CloudFormation | CloudFormation, Cloud Formation | AWS, Infrastructure as Code
Amazon CloudWatch | CloudWatch | AWS, Observability
AWS IAM | IAM!, Identity and Access Management | Cybersecurity
Amazon VPC | VPC!, VPCs!, Virtual Private Cloud, Security Groups | Networking
Amazon EMR | EMR!?, AWS EMR, Elastic MapReduce | AWS, Big Data
Amazon SQS | SQS! | AWS, Message Queues
Amazon SNS | SNS! | AWS
AWS Glue | Glue ETL | AWS, ETL
Amazon Kinesis | Kinesis | AWS, Data Pipelines
Amazon Route 53 | Route 53, Route53 | AWS
Amazon API Gateway | API Gateway | AWS
Azure | Microsoft Azure, Azure cloud | Cloud Computing
Azure Kubernetes Service | AKS!, Azure AKS | Azure, Kubernetes
Azure DevOps | Azure Pipelines, VSTS | Azure, CI/CD
Azure Functions | | Azure, Serverless
Google Cloud Platform | GCP!, Google Cloud, Google Cloud Platform (GCP) | Cloud Computing
Google Kubernetes Engine | GKE! | Google Cloud Platform, Kubernetes
Google Cloud Run | Cloud Run | Google Cloud Platform, Serverless
Cloud Computing | cloud computing, cloud platforms, cloud platform, cloud infrastructure, cloud services, cloud technologies, cloud-native, cloud native, cloud architecture |
Multi-Cloud | multi-cloud, multicloud, multi cloud, hybrid cloud | Cloud Computing
Serverless | serverless, serverless architecture, FaaS! | Cloud Computing
Heroku | | Cloud Computing
DigitalOcean | Digital Ocean | Cloud Computing
Cloudflare | | Networking
Vercel | | Cloud Computing
OpenStack | | Cloud Computing

[devops]
DevOps | Dev Ops, DevOps practices, DevOps methodology |
Site Reliability Engineering | SRE!, site reliability engineering, site reliability |
Docker | Docker Compose, docker-compose, Dockerfile, Dockerfiles | Containerization
Kubernetes | K8s, Kube!, kubectl | Containerization, Container Orchestration
OpenShift | Red Hat OpenShift | Kubernetes
Helm! | Helm charts | Kubernetes
Containerization | containerization, containers, containerisation, containerized, container technologies, containerization technologies |
Container Orchestration | container orchestration |
Terraform | HashiCorp Terraform, Terraform Cloud | Infrastructure as Code
Pulumi | | Infrastructure as Code
Ansible | Ansible playbooks | Configuration Management
Chef! | Chef Infra | Configuration Management
Puppet! | | Configuration Management
SaltStack | Salt Stack | Configuration Management
Configuration Management | configuration management |
Infrastructure as Code | IaC!, infrastructure as code, infrastructure-as-code, infrastructure provisioning |
CI/CD | CI/CD pipelines, CI / CD, CICD, continuous integration, continuous delivery, continuous deployment, CI pipelines, CD pipelines, Cl/CD, deployment pipelines |
Jenkins | Jenkins pipelines | CI/CD
GitLab CI | GitLab CI/CD, GitLab pipelines | CI/CD, GitLab
GitHub Actions | Github Actions, GH Actions | CI/CD, GitHub
CircleCI | Circle CI | CI/CD
Travis CI | TravisCI | CI/CD
Argo CD | ArgoCD, Argo Workflows | CI/CD, Kubernetes
TeamCity | | CI/CD
Observability | observability, monitoring, alerting, monitoring tools, monitoring solutions, alerting solutions, system monitoring, observability tooling, application performance monitoring, APM! |
Prometheus | | Observability
Grafana | | Observability
Datadog | DataDog | Observability
New Relic | NewRelic | Observability
Splunk | | Log Management
ELK Stack | ELK!, Elastic Stack, Logstash, Kibana | Log Management, Elasticsearch
OpenTelemetry | Open Telemetry, OTel! | Observability
Jaeger! | | Observability
Sentry! | | Observability
PagerDuty | Pager Duty | Incident Management
Nagios | | Observability
Log Management | log aggregation, log management, centralized logging, logging | Observability
Incident Management | incident management, incident response, on-call, on call rotation, on-call rotations, postmortems, post-mortems, runbooks, incident handling |
Istio | | Service Mesh
Linkerd | | Service Mesh
Envoy! | Envoy proxy | Service Mesh
Service Mesh | service mesh, service meshes |
Nginx | NGINX |
Apache HTTP Server | Apache httpd, Apache web server |
HashiCorp Vault | Vault!, Vault secrets | Cybersecurity
Consul! | HashiCorp Consul | Service Mesh
Load Balancing | load balancing, load balancers, load balancer | Networking
Auto Scaling | auto-scaling, autoscaling, auto scaling | Cloud Computing
Disaster Recovery | disaster recovery, business continuity |
Backup and Recovery | backup and recovery, backup strategies, backups, backup solutions |
Release Management | release management, release engineering, deployment strategies, blue-green deployments, canary deployments, zero-downtime deployment |
Performance Tuning | performance tuning, performance optimization, latency optimization |
High Availability | high availability, fault tolerance, fault-tolerant |

[security]
Cybersecurity | cyber security, cybersecurity, information security, infosec, IT security, security principles, security best practices, security engineering, network security, cloud security, application security |
Vulnerability Management | vulnerability scanning, vulnerability management, security scanning, vulnerability assessment, vulnerability assessments | Cybersecurity
Penetration Testing | penetration testing, pen testing, pentesting, ethical hacking | Cybersecurity
SSL/TLS | SSL!, TLS!, SSL certificates, HTTPS | Networking
Encryption | encryption, cryptography | Cybersecurity
SIEM | security information and event management | Cybersecurity
Identity Management | identity management, access management, RBAC!, role-based access control | Cybersecurity
SOC 2 | SOC2, SOC 2 compliance | Regulatory Compliance
GDPR | General Data Protection Regulation | Regulatory Compliance
Privacy | data privacy |
Networking | networking concepts, computer networking, network engineering, TCP/IP, network administration, network protocols, computer networks |
DNS! | Domain Name System | Networking
Firewalls | firewall, firewalls, firewall configuration | Networking
VPN! | virtual private network | Networking

[design]
Figma | | UI Design
Sketch! | Sketch app | UI Design
Adobe XD | AdobeXD | UI Design
Adobe Creative Suite | Adobe Creative Cloud, Creative Suite, Creative Cloud | Graphic Design
Adobe Photoshop | Photoshop | Adobe Creative Suite
Adobe Illustrator | Illustrator! | Adobe Creative Suite
Adobe InDesign | InDesign | Adobe Creative Suite
Adobe After Effects | After Effects | Adobe Creative Suite, Motion Design
Adobe Premiere Pro | Premiere Pro, Adobe Premiere | Adobe Creative Suite, Video Editing
Adobe Lightroom | Lightroom | Adobe Creative Suite
InVision | Invision | Prototyping
Principle!? | Principle app | Prototyping
Framer!? | | Prototyping
Marvel!? | Marvel app, MarvelApp | Prototyping
Axure | Axure RP | Prototyping
Zeplin | | UI Design
Abstract!? | | UI Design
Miro | |
Mural!? | |
UserTesting | UserTesting.com | Usability Testing
Optimal Workshop | | User Research
Maze!? | | User Research
Canva | | Graphic Design
UX Design | UX!, user experience, user experience design, UX design, user-centered design, user centered design, human-centered design, experience design |
UI Design | UI!, user interface design, UI design, interface design, visual interface design |
Interaction Design | interaction design, IxD!, micro-interactions, microinteractions | UX Design
Visual Design | visual design |
Graphic Design | graphic design |
User Research | user research, UX research, user interviews, contextual inquiry, contextual inquiries, design research | UX Design
Usability Testing | usability testing, usability tests, usability studies, user testing, moderated testing, unmoderated testing, usability principles | UX Design
Wireframing | wireframing, wireframes, wireframe | UX Design
Prototyping | prototyping, prototypes, prototype, prototyping tools, interactive prototypes | UX Design
Mockups | mockups, mock-ups, high-fidelity mockups, high-fidelity designs | UI Design
Information Architecture | information architecture, IA!, site maps, sitemaps | UX Design
User Personas | user personas, personas, persona development | UX Design
Journey Mapping | journey maps, journey mapping, user journey mapping, user journeys, customer journey mapping, customer journey maps, user flows | UX Design
Design Systems | design system, design systems, component libraries, component library, design tokens, design-system token library, atomic design, atomic design principles, UI kits | UI Design
Card Sorting | card sorting, tree testing | Information Architecture
Heuristic Evaluation | heuristic evaluation, heuristic evaluations, expert review, UX audit | Usability Testing
Design Thinking | design thinking, design sprints, design sprint |
Motion Design | motion design, motion graphics, animation |
Typography | typography | Visual Design
Branding | branding, brand identity, brand design, brand guidelines |
Human-Computer Interaction | HCI!, human-computer interaction, human computer interaction | UX Design
Mobile App Design | mobile app design, mobile design, iOS design guidelines, Human Interface Guidelines, Material Design, Android design guidelines | UI Design
Video Editing | video editing, video production, Final Cut Pro, DaVinci Resolve |
Photography | photography |
3D Modeling | 3D modeling, 3D modelling, Blender!, Autodesk Maya, Cinema 4D |
AR/VR | AR/VR!, augmented reality, virtual reality, VR! |

[product]
Product Management | product management, product ownership |
Product Strategy | product strategy, product vision | Product Management
Product Roadmap | product roadmap, roadmap, roadmaps, roadmapping, roadmap planning | Product Management
Product Backlog | product backlog, backlog management, backlog grooming, backlog refinement, backlog prioritization | Product Management
Prioritization | prioritization, prioritisation, RICE!, MoSCoW! |
Product Requirements | PRDs!, PRD!, product requirements documents, product requirements, product specifications, feature specifications, acceptance criteria | Product Management
User Stories | user stories, user story | Agile
Requirements Gathering | requirements gathering, requirement gathering, gather requirements, gathering requirements, requirements elicitation, elicit requirements, business requirements, requirements analysis, technical requirements, functional requirements | Business Analysis
OKRs | OKR!, OKRs!, objectives and key results |
KPIs | KPI!, KPIs!, key performance indicators |
Customer Discovery | customer discovery, discovery interviews, customer interviews, product discovery | User Research
Net Promoter Score | NPS!, net promoter score, NPS surveys |
Competitive Analysis | competitive analysis, competitor analysis, competitive research, competitive landscape, competitive intelligence | Market Research
Go-to-Market Strategy | go-to-market, go to market, GTM!, go-to-market strategy, product launches, product launch |
Product Analytics | product analytics, funnel analysis, funnel data, cohort analysis, user analytics, retention analysis | Analytics
Amplitude!? | Amplitude Analytics | Product Analytics
Mixpanel | MixPanel | Product Analytics
Heap!? | Heap Analytics | Product Analytics
Pendo | | Product Analytics
Hotjar | HotJar | Product Analytics
FullStory | | Product Analytics
Sprint Planning | sprint planning, sprint planning sessions, sprint reviews, retrospectives | Agile
Agile | agile, Agile methodology, agile methodologies, agile development, Agile/Scrum, agile practices |
Scrum | scrum master, Scrum methodology, SAFe! | Agile
Kanban | | Agile
Waterfall | waterfall methodology, Waterfall! | Project Management
Jira | JIRA, Atlassian Jira |
Confluence! | Atlassian Confluence |
Linear!? | Linear app |
Productboard | | Product Management
SaaS | SaaS!, software as a service, B2B SaaS |
B2B | B2B!, business-to-business |
B2C | B2C!, business-to-consumer, DTC!, direct-to-consumer |
E-commerce | e-commerce, ecommerce, eCommerce, online retail |
Fintech | fintech, financial technology |
Customer Feedback | customer feedback, user feedback, voice of the customer, VoC! |

[marketing]
Digital Marketing | digital marketing, online marketing, digital marketing strategies, digital marketing campaigns, multi-channel digital marketing | Marketing
Marketing^ | marketing campaigns, marketing strategy, marketing strategies, marketing plans, marketing experience |
Performance Marketing | performance marketing, growth marketing, growth hacking, acquisition marketing, user acquisition | Digital Marketing
Paid Advertising | paid advertising, paid ads, paid media, paid acquisition, PPC!, pay-per-click, SEM!, search engine marketing, paid search, paid advertising campaigns, ad campaigns, advertising campaigns, online advertising, digital advertising | Digital Marketing
Google Ads | Google AdWords, AdWords, Google Ads Manager | Paid Advertising
Facebook Ads | Facebook advertising, Facebook Ads Manager, Meta Ads, Meta advertising, Instagram Ads | Paid Advertising, Social Media Marketing
LinkedIn Ads | LinkedIn advertising, LinkedIn Campaign Manager | Paid Advertising, Social Media Marketing
Twitter Ads | X Ads | Paid Advertising, Social Media Marketing
TikTok Ads | TikTok advertising | Paid Advertising, Social Media Marketing
Paid Social | paid social, social ads, social media advertising | Paid Advertising
Programmatic Advertising | programmatic advertising, demand-side platforms, demand-side platform, DSP!, DSPs!, real-time bidding | Paid Advertising
SEO | search engine optimization, search engine optimisation, SEO!, technical SEO, on-page SEO, organic search | Digital Marketing
Content Marketing | content marketing, content strategy, content creation, blogging | Marketing
Social Media Marketing | social media marketing, social media, social media management, community management | Marketing
Email Marketing | email marketing, email campaigns, email marketing campaigns, newsletters, email automation | Digital Marketing
Marketing Automation | marketing automation, marketing automation platforms, automation workflows, nurture campaigns, drip campaigns | Digital Marketing
HubSpot | Hubspot, HubSpot CRM, HubSpot Marketing Hub | Marketing Automation, CRM
Marketo | Adobe Marketo | Marketing Automation
Pardot | Salesforce Pardot | Marketing Automation
Salesforce Marketing Cloud | Marketing Cloud, ExactTarget | Marketing Automation
ActiveCampaign | Active Campaign | Marketing Automation
Mailchimp | MailChimp | Email Marketing
Klaviyo | | Email Marketing
SendGrid | | Email Marketing
Constant Contact | | Email Marketing
Braze | | Marketing Automation
Google Analytics | GA4!, Google Analytics 4, Universal Analytics | Marketing Analytics
Google Tag Manager | Tag Manager | Marketing Analytics
Facebook Analytics | Meta Business Suite, Facebook Insights | Marketing Analytics
Marketing Analytics | marketing analytics, campaign analytics, campaign performance analysis, web analytics | Analytics
Marketing Attribution | marketing attribution, attribution modeling, multi-touch attribution, multi-touch modeling, attribution models | Marketing Analytics
Conversion Rate Optimization | conversion rate optimization, CRO!, conversion optimization, landing page optimization | Digital Marketing
Optimizely | | A/B Testing
VWO | Visual Website Optimizer | A/B Testing
Google Optimize | | A/B Testing
SEMrush | Semrush | SEO
Ahrefs | | SEO
Moz!? | Moz Pro | SEO
Screaming Frog | | SEO
Influencer Marketing | influencer marketing, influencer collaborations, influencer collaboration, influencer campaigns, influencer partnerships | Marketing
Affiliate Marketing | affiliate marketing, partner marketing, partnership programs, partnership marketing | Marketing
Lifecycle Marketing | lifecycle marketing, customer lifecycle marketing, retention marketing | Marketing
Lead Generation | lead generation, lead gen, demand generation, demand gen | Marketing
Account-Based Marketing | account-based marketing, ABM! | Marketing
Brand Management | brand management, brand awareness, brand marketing, brand strategy | Marketing
Copywriting | copywriting, ad copy, copy writing, marketing copy |
Public Relations | public relations, media relations, press releases |
Event Marketing | event marketing, event promotion, webinars | Marketing
Campaign Management | campaign management, campaign planning, managing campaigns | Marketing
Market Segmentation | market segmentation, audience segmentation, customer segmentation | Marketing
Marketing Budget Management | marketing budgets, ad budgets, media budgets, ad spend management | Budget Management
Product Marketing | product marketing, product positioning | Marketing
Growth Strategy | growth strategy, growth strategies |

[sales]
Sales | sales, selling |
B2B Sales | B2B sales, business-to-business sales | Sales
Enterprise Sales | enterprise sales, enterprise software sales, enterprise selling, strategic accounts | Sales
SaaS Sales | SaaS sales, software sales | Sales
Inside Sales | inside sales | Sales
Outside Sales | outside sales, field sales | Sales
Sales Development | sales development, SDR!, BDR!, business development representative | Sales
Business Development | business development, biz dev, new business development |
Solution Selling | solution selling, solutions selling | Sales
Consultative Selling | consultative selling, consultative sales | Sales
Conceptual Selling | conceptual selling | Sales
Missionary Selling | missionary selling | Sales
SPIN Selling | SPIN! | Sales
Challenger Sale | Challenger Sales, Challenger selling | Sales
MEDDIC | MEDDICC, MEDDPICC | Sales
Prospecting | prospecting, outbound prospecting, cold calling, cold outreach, outbound sales, outbound calling | Sales
Lead Qualification | lead qualification, qualifying leads, qualify leads, lead scoring, pre-qualify leads | Sales
Pipeline Management | pipeline management, sales pipeline, sales pipelines, pipeline generation, build pipeline, build pipelines, build a pipeline | Sales
Sales Forecasting | sales forecasting, sales forecasts, pipeline forecasting | Sales
Quota Attainment | quota attainment, sales quotas, sales quota, quota-carrying, quota‐carrying, quota carrying, exceeded quota | Sales
Territory Management | territory management, territory planning, account sales plans, territory sales plans, geographic territory | Sales
Account Management | account management, account care, customer accounts, key account management, managing accounts, account planning |
Relationship Management | relationship management, relationship building, client relationships, customer relationships, relationship-building |
Closing | closing deals, deal closing, close deals, closing sales, closing sales opportunities, close opportunities | Sales
Negotiation | negotiation, negotiating, contract negotiation, negotiations |
Product Demonstrations | product demonstrations, product demos, sales demos, demos, demonstrations, demo requests | Sales
CRM | CRM!, customer relationship management, CRM software, CRM system, CRM systems |
Salesforce | Salesforce CRM, SFDC!, Salesforce.com, Sales Cloud | CRM
Salesloft | SalesLoft | Sales
Outreach.io | | Sales
LinkedIn Sales Navigator | Sales Navigator | Prospecting
Pipedrive | | CRM
Zoho CRM | Zoho | CRM
Gong.io | Gong!? | Sales
Upselling | upselling, upsell, cross-selling, cross-sell, account expansion | Sales
Technical Sales | technical sales, pre-sales, presales, sales engineering, solutions engineering, solutions consulting | Sales
Channel Sales | channel sales, channel partnerships, reseller management | Sales
RFP Responses | RFP!, RFPs!, request for proposal, RFP responses | Sales
Retail Sales | retail sales, point of sale, POS systems, visual merchandising | Sales

[customer]
Customer Success | customer success, client success |
Customer Onboarding | customer onboarding, client onboarding, user onboarding | Customer Success
Client Training | client training, customer training, training clients, user training, end-user training, user training programs |
Customer Retention | customer retention, churn reduction, reduce churn, retention strategies, churn prevention, renewals | Customer Success
Customer Support | customer support, technical support, tech support, help desk, helpdesk, service desk, support tickets |
Customer Service | customer service, client service |
Zendesk | | Customer Support
Intercom | | Customer Support
Freshdesk | | Customer Support
ServiceNow | Service Now | Customer Support
Gainsight | | Customer Success
Client Management | client management, client relations, client relationship management, managing client accounts | Account Management
Escalation Management | escalation management, handling escalations | Customer Support
Quarterly Business Reviews | QBR!, QBRs!, quarterly business reviews | Account Management
Workflow Analysis | workflow analysis, workflow optimization | Business Process Improvement

[finance]
Accounting | accounting, accountancy |
Financial Analysis | financial analysis, financial analyses, financial planning and analysis, FP&A!, financial planning |
Financial Modeling | financial modeling, financial modelling, financial models, DCF!, discounted cash flow | Financial Analysis
Financial Reporting | financial reporting, financial statements, financial reports, management reporting | Accounting
Budgeting | budgeting, budget planning, budget preparation, budget forecasting |
Budget Management | budget management, managing budgets, manage budgets, budget oversight, cost control, cost management |
Accounts Payable | accounts payable, A/P!, AP processing | Accounting
Accounts Receivable | accounts receivable, A/R!, AR collections | Accounting
General Ledger | general ledger, GL accounting, journal entries | Accounting
Account Reconciliation | reconciliation, reconciliations, account reconciliation, bank reconciliations, bank reconciliation, account reconciliations | Accounting
Bookkeeping | bookkeeping, book-keeping | Accounting
Month-End Close | month-end close, month end close, month-end closing, year-end close, financial close | Accounting
GAAP | US GAAP, generally accepted accounting principles | Accounting
IFRS | international financial reporting standards | Accounting
Auditing | auditing, audits, internal audit, external audit, audit preparation | Accounting
Tax Preparation | tax preparation, tax returns, tax compliance, taxation, tax planning, corporate tax | Accounting
Payroll | payroll, payroll processing, payroll administration | Accounting
Cost Accounting | cost accounting | Accounting
Variance Analysis | variance analysis, variance analyses | Financial Analysis
Cash Flow Management | cash flow management, cash flow, cash management, treasury management | Financial Analysis
Invoicing | invoicing, invoice processing | Accounts Receivable
Internal Controls | internal controls, internal control, SOX!, Sarbanes-Oxley, SOX compliance | Auditing
Risk Management | risk management, risk assessment, risk assessments, risk mitigation, risk analysis, mitigation planning |
Valuation | valuation, valuations, business valuation | Financial Analysis
Investment Analysis | investment analysis, portfolio management, equity research, asset management | Financial Analysis
Fixed Assets | fixed assets, fixed asset accounting, depreciation | Accounting
Expense Management | expense reports, expense tracking, expense management | Accounting
QuickBooks | Quickbooks, QuickBooks Online, QBO! | Accounting
Xero! | | Accounting
NetSuite | Oracle NetSuite | ERP
Sage!? | Sage 50, Sage Intacct | Accounting
SAP!? | SAP ERP, SAP S/4HANA, SAP FICO, SAP FI/CO | ERP
Microsoft Dynamics | Dynamics 365, MS Dynamics, Dynamics GP, Dynamics NAV | ERP
ERP | ERP!, ERP systems, enterprise resource planning |
Hyperion | Oracle Hyperion | Financial Analysis
Bloomberg Terminal | Bloomberg! | Financial Analysis
Cost-Benefit Analysis | cost-benefit analysis, cost benefit analysis, ROI analysis, ROI analyses, ROI calculations, business cases, business case, business case development | Financial Analysis

[healthcare]
Patient Care | patient care, direct patient care, bedside care, patient-centered care, quality patient care, high-quality patient care, patient safety |
Patient Education | patient education, educate patients, educating patients, patient teaching, health education | Patient Care
Clinical Decision-Making | clinical decision-making, clinical decision making, clinical judgment, clinical judgement, clinical reasoning |
Clinical Expertise | clinical expertise, clinical experience, clinical skills, clinical practice |
Patient Assessment | patient assessment, patient assessments, health assessments, nursing assessment, physical assessment | Patient Care
Care Planning | care planning, care plans, nursing care plans, treatment planning | Patient Care
Medication Administration | medication administration, administering medications, medication management, medication reconciliation | Patient Care
Vital Signs | vital signs, vitals monitoring | Patient Care
Wound Care | wound care, wound management | Patient Care
IV Therapy | IV therapy, IV insertion, intravenous therapy, IV starts | Patient Care
Phlebotomy | phlebotomy, venipuncture, blood draws |
Triage^ | patient triage, triage nurse, emergency triage | Patient Care
Infection Control | infection control, infection prevention, sterile technique, aseptic technique |
Electronic Health Records | EHR!, EMR!, electronic health records, electronic medical records, electronic health record, clinical documentation |
Epic!? | Epic Systems, Epic EHR, EpicCare | Electronic Health Records
Cerner | Oracle Cerner | Electronic Health Records
Meditech | MEDITECH | Electronic Health Records
HIPAA | HIPAA compliance | Regulatory Compliance
Critical Care | critical care, intensive care, ICU!, acute care | Patient Care
Emergency Care | emergency care, emergency nursing, emergency medicine, trauma care | Patient Care
Pediatrics | pediatrics, pediatric care, pediatric nursing, paediatrics | Patient Care
Geriatrics | geriatrics, geriatric care, elder care, gerontology | Patient Care
Oncology | oncology, oncology nursing | Patient Care
Case Management | case management, care coordination, care management |
Discharge Planning | discharge planning, discharge instructions | Patient Care
Telemetry | telemetry, cardiac monitoring, ECG!, EKG!, electrocardiogram | Patient Care
Medical Terminology | medical terminology |
Mental Health | mental health care, behavioral health, psychiatric care, psychiatric nursing |
Public Health | public health, epidemiology, population health |
Healthcare Quality Improvement | healthcare outcomes, patient outcomes, clinical outcomes, healthcare quality improvement |
Staff Education | staff education, educate staff, staff training, clinical education, in-service training, nurse education |
Evidence-Based Practice | evidence-based practice, evidence based practice, EBP! |
Nursing | nursing practice, nursing care, nursing |
Pharmacology | pharmacology |
Medical Coding | medical coding, medical billing, ICD-10, CPT coding |
Clinical Research | clinical research, clinical trials |
Laboratory Skills | laboratory techniques, lab techniques, wet lab, PCR!, cell culture |

[education]
Teaching | teaching, teach, taught, lecturing, teaching experience, classroom instruction |
Curriculum Development | curriculum development, curriculum design, course design, course development, develop new courses, develop courses |
Lesson Planning | lesson planning, lesson plans, plan lessons | Teaching
Classroom Management | classroom management | Teaching
Instructional Design | instructional design, e-learning design, learning design, ADDIE |
Student Assessment | student assessment, grading, assessment design, formative assessment, summative assessment | Teaching
Differentiated Instruction | differentiated instruction | Teaching
Special Education | special education, IEP!, IEPs!, individualized education programs | Teaching
Online Teaching | online teaching, online instruction, hybrid teaching, remote teaching, virtual teaching, online and hybrid teaching, online and hybrid teaching modalities | Teaching
Learning Management Systems | LMS!, learning management system, learning management systems, Canvas LMS, Canvas!, Blackboard!, Moodle, D2L!, Google Classroom, Schoology |
Academic Research | research experience, independent research, academic research, research program, research programs, scholarly research, research record, conduct research, interdisciplinary research, research collaborations |
Academic Publishing | publications, publication record, peer-reviewed publications, peer-reviewed journals, published research, research publications, journal articles, publication |
Peer Review | peer review, peer reviewing, review papers, manuscript review |
Grant Writing | grant writing, grant proposals, grant funding, external funding, externally funded, research funding, funding proposals, research proposals |
Thesis Supervision | thesis supervision, supervise graduate students, supervising graduate students, dissertation supervision, dissertation committees | Mentoring
Student Advising | student advising, academic advising, advising students |
Educational Technology | educational technology, EdTech, ed tech |
Tutoring | tutoring | Teaching
Early Childhood Education | early childhood education, preschool education | Teaching
LaTeX! | LaTeX typesetting |
Academic Writing | academic writing, scientific writing |
Pedagogy | pedagogy, pedagogical approach | Teaching
Conference Presentations | conference presentations, present research, research presentations, presenting at conferences | Academic Research
Diversity, Equity & Inclusion | diversity equity and inclusion, DEI!, inclusive excellence |
Laboratory Management | laboratory management, lab management |

[trades]
Electrical Wiring | electrical wiring, wiring, electrical installation, electrical systems |
Electrical Code | NEC!, National Electrical Code, electrical code, electrical codes, building codes |
Plumbing | plumbing, pipe installation, pipefitting |
HVAC | HVAC!, heating ventilation and air conditioning, refrigeration, HVAC systems |
Welding | welding, MIG welding, TIG welding, arc welding, stick welding |
Carpentry | carpentry, framing, cabinetry, woodworking |
Masonry | masonry, bricklaying, concrete work |
Blueprint Reading | blueprint reading, reading blueprints, blueprints, schematics, technical drawings |
Preventive Maintenance | preventive maintenance, preventative maintenance, equipment maintenance, routine maintenance |
Troubleshooting | troubleshooting, troubleshoot, diagnose issues |
Forklift Operation | forklift, forklift operation, pallet jack |
CNC Machining | CNC!, CNC machining, CNC programming, machining, lathe operation |
PLC Programming | PLC!, PLCs!, programmable logic controllers, ladder logic |
AutoCAD | Auto CAD, AutoCAD Civil 3D |
SolidWorks | Solidworks |
Revit | |
Power Tools | power tools, hand tools |
OSHA Compliance | OSHA!, OSHA compliance, OSHA regulations, workplace safety, safety compliance, safety procedures |
Lockout/Tagout | lockout/tagout, lockout tagout, LOTO! | OSHA Compliance
Construction Management | construction management, site supervision |
Estimating | cost estimating, quantity takeoff |
Commercial Driving | CDL!, commercial driving, commercial driver's license |

[operations]
Supply Chain Management | supply chain management, supply chain optimization, supply chain operations |
Logistics | logistics, shipping and receiving, freight, transportation management |
Inventory Management | inventory management, inventory control, stock control |
Procurement | procurement, purchasing, strategic sourcing |
Vendor Management | vendor management, supplier management, vendor relations, vendor relationships |
Lean! | Lean methodology, Lean manufacturing, lean principles, lean management | Process Improvement
Six Sigma | Lean Six Sigma, DMAIC | Process Improvement
Kaizen | kaizen, continuous improvement | Process Improvement
Process Improvement | process improvement, process improvements, process optimization, process re-engineering, process redesign, operational efficiency, process efficiency |
Operations Management | operations management, operational management |
Quality Control | quality control, QC!, quality management, quality inspections |
ISO 9001 | ISO 9001:2015 | Quality Control
Warehouse Management | warehouse management, warehousing, WMS! | Logistics
Demand Planning | demand planning, capacity planning, S&OP!, sales and operations planning | Supply Chain Management
Project Management | project management, managing projects, project planning, project coordination, project management methodologies, project delivery |
Program Management | program management, programme management, PMO! |
Change Management | change management, organizational change, change initiatives, change management initiatives, change management principles, managing change |
Root Cause Analysis | root cause analysis, RCA!, fishbone diagrams, fishbone diagram, 5 whys, five whys | Process Improvement
Value Stream Mapping | value stream mapping, value stream maps, waste identification | Lean
Statistical Process Control | statistical process control, SPC!, control charts | Quality Control
Scheduling | scheduling, workforce scheduling, staff scheduling, shift scheduling |
Facilities Management | facilities management, facility management, building maintenance |
Fleet Management | fleet management | Logistics
Microsoft Project | MS Project, MSProject | Project Management
Asana | | Project Management
Trello | | Project Management
Monday.com | monday.com | Project Management
Smartsheet | | Project Management
Wrike | | Project Management
Workshop Facilitation | facilitation, facilitating meetings, facilitate workshops, facilitating workshops, workshop facilitation, lead workshops, facilitate meetings, client workshops |
Regulatory Compliance | regulatory compliance, compliance requirements, regulatory requirements, compliance management, regulatory affairs |
Human Resources | human resources, HR processes, talent acquisition, recruiting, recruitment, employee relations |
Hospitality | hospitality, front desk, guest services, food service, food safety, ServSafe |

[business]
Business Analysis | business analysis, business analytics |
Process Mapping | process mapping, process maps, process modeling, business process modeling, workflow diagrams, process flows, process mapping tools, BPMN!, swimlane diagrams, future state modeling | Business Analysis
Business Process Improvement | business process analysis, business process optimization, business process management, BPM!, business process improvement methodologies, business process improvement | Process Improvement
Gap Analysis | gap analysis, gap analyses | Business Analysis
Stakeholder Analysis | stakeholder analysis, stakeholder mapping | Stakeholder Management
Stakeholder Management | stakeholder management, managing stakeholders, stakeholder engagement, stakeholder alignment, align stakeholders, stakeholder communication, stakeholder relationships |
Use Cases | use cases, use case diagrams, use case modeling | Business Analysis
UML | Unified Modeling Language | Software Architecture
Microsoft Visio | Visio | Process Mapping
Lucidchart | LucidChart, Lucid Chart | Process Mapping
Draw.io | drawio, diagrams.net | Process Mapping
Bizagi | | Process Mapping
Workflow Automation | workflow automation, process automation, RPA!, robotic process automation, automated reporting |
Data Entry | data entry |
Business Strategy | business strategy, strategic planning, corporate strategy, strategy development |
Management Consulting | management consulting, consulting experience, client-facing consulting |
Digital Transformation | digital transformation |
Pricing Strategy | pricing strategy, pricing analysis |
Economics | economics, econometrics |
Operations Research | operations research, optimization modeling, linear programming |

[office]
Microsoft Excel | Excel!, MS Excel, advanced Excel, Excel spreadsheets, spreadsheets, spreadsheet | Microsoft Office
Pivot Tables | pivot tables, pivot table, PivotTables | Microsoft Excel
VLOOKUP | VLOOKUPs!, XLOOKUP, INDEX/MATCH, INDEX MATCH | Microsoft Excel
Microsoft Word | MS Word | Microsoft Office
Microsoft PowerPoint | PowerPoint, MS PowerPoint, Powerpoint | Microsoft Office
Microsoft Outlook | Outlook!, MS Outlook | Microsoft Office
Microsoft Access | MS Access | Microsoft Office, Databases
Microsoft Office | MS Office, Microsoft Office Suite, Office 365, Microsoft 365, M365! |
SharePoint | Sharepoint, Microsoft SharePoint | Microsoft Office
Microsoft Teams | MS Teams | Microsoft Office
Slack! | |
Zoom! | Zoom meetings |
WebEx | Webex, Cisco Webex |
Google Workspace | G Suite, GSuite, Google Docs, Google Drive, Google Slides |
Notion!? | |
Airtable | |
Typing | touch typing |

[spoken]
English | English language, fluent English, English fluency |
Spanish | |
French! | |
German! | |
Mandarin | Mandarin Chinese |
Cantonese | |
Japanese | |
Korean | |
Portuguese | |
Italian | |
Arabic | |
Hindi | |
Russian | |
Dutch | |
Sign Language | American Sign Language, ASL! |

[soft]
Communication | communication, communication skills, written communication, verbal communication, written and verbal communication, oral communication, communicator, explain technical concepts, explaining technical concepts |
Presentation Skills | presentation skills, presenting to, presentations, public speaking, present findings |
Leadership | leadership, leadership skills, team leadership, people leadership, people management, leading teams, team management, demonstrated leadership |
Technical Leadership | technical leadership, tech lead, leading technical projects, lead technical projects, technical direction | Leadership
Mentoring | mentoring, mentor, mentored, mentorship, mentoring junior |
Teamwork | teamwork, team player, team-oriented, working in teams |
Collaboration^ | collaboration skills, cross-functional collaboration, work collaboratively, collaborative skills, cross-functional teams, interdisciplinary collaboration |
Problem Solving | problem solving, problem-solving, problem solver, solve problems, solving problems, problem solve, solving complex problems |
Critical Thinking | critical thinking, strategic thinking, critical thinker |
Analytical Skills | analytical skills, analytical abilities, analytical thinking, analytical mindset, analytical, analytic skills |
Attention to Detail | attention to detail, detail-oriented, detail oriented, eye for detail, meticulous |
Time Management | time management, meet deadlines, meeting deadlines, deadline-driven |
Multitasking | multitasking, multi-tasking, manage multiple projects, managing multiple projects, handle multiple projects, multiple priorities, manage multiple clients, handle multiple clients |
Independent Work | work independently, working independently, self-starter, self-motivated, self starter |
Adaptability | adaptability, adaptable, adjust on-the-fly, comfortable with ambiguity |
Creativity | creativity, creative thinking, creative problem-solving, creative problem solving, innovative thinking |
Interpersonal Skills | interpersonal skills, interpersonal, people skills |
Conflict Resolution | conflict resolution, conflict management, de-escalation |
Decision Making | decision making, decision-making |
Emotional Intelligence | emotional intelligence, empathy |
Organizational Skills | organizational skills, organisational skills, highly organized |
Active Listening | active listening, good listener, listening skills |
Ownership | ownership mentality, take ownership, sense of ownership |
Work Ethic | work ethic, hard-working, hardworking |
Customer Focus | customer focus, customer-focused, customer-centric, customer obsession |
Persuasion | persuasion, influencing skills, influence without authority |
Coaching | coaching, coaching skills, performance coaching | Mentoring

[certification]
AWS Certified Solutions Architect | AWS Solutions Architect, AWS Certified Solutions Architect - Associate, AWS Solutions Architect Associate, AWS Certified Solutions Architect Associate | AWS
AWS Certified Developer | AWS Developer Associate, AWS Certified Developer - Associate | AWS
AWS Certified Cloud Practitioner | AWS Cloud Practitioner | AWS
AWS Certified Machine Learning | AWS Machine Learning Specialty, AWS Certified Machine Learning - Specialty | AWS
AWS Certified DevOps Engineer | AWS DevOps Engineer Professional | AWS, DevOps
Google Cloud Professional Data Engineer | Professional Data Engineer, GCP Professional Data Engineer | Google Cloud Platform
Google Cloud Professional Cloud Architect | Professional Cloud Architect | Google Cloud Platform
Azure Administrator Associate | AZ-104! | Azure
Azure Fundamentals | AZ-900! | Azure
Certified Kubernetes Administrator | CKA!, Kubernetes Administrator, Certified Kubernetes Administrator (CKA) | Kubernetes
Certified Kubernetes Application Developer | CKAD! | Kubernetes
Terraform Associate | HashiCorp Certified Terraform Associate | Terraform
Certified ScrumMaster | Certified Scrum Master, CSM certification, Professional Scrum Master, PSM! | Scrum
Certified Scrum Product Owner | CSPO! | Scrum
PMP | Project Management Professional, PMP certification, PMP!, Project Management Professional (PMP) | Project Management
CAPM! | Certified Associate in Project Management | Project Management
PRINCE2 | PRINCE2 Practitioner | Project Management
Six Sigma Green Belt | Lean Six Sigma Green Belt, Green Belt | Six Sigma
Six Sigma Black Belt | Lean Six Sigma Black Belt, Black Belt | Six Sigma
Lean Certification | Lean certification, Lean certified | Lean
ITIL | ITIL Foundation, ITIL v4 |
CISSP | | Cybersecurity
CISM! | | Cybersecurity
CompTIA Security+ | Security+, Security Plus | Cybersecurity
CompTIA A+ | CompTIA A Plus |
CompTIA Network+ | Network+ | Networking
CCNA | Cisco Certified Network Associate | Networking
CEH! | Certified Ethical Hacker | Penetration Testing
CPA | Certified Public Accountant, CPA!, CPA license | Accounting
CFA | Chartered Financial Analyst, CFA!, CFA charterholder | Financial Analysis
CMA! | Certified Management Accountant | Accounting
ACCA! | Association of Chartered Certified Accountants | Accounting
Registered Nurse (RN) | registered nurse, RN!, RN license, registered nurse license | Nursing
Licensed Practical Nurse (LPN) | LPN!, licensed practical nurse, LVN!, licensed vocational nurse | Nursing
Nurse Practitioner | nurse practitioner, APRN!, advanced practice registered nurse | Nursing
Basic Life Support (BLS) | BLS!, basic life support, BLS certification |
Advanced Cardiovascular Life Support (ACLS) | ACLS!, advanced cardiac life support, advanced cardiovascular life support |
Pediatric Advanced Life Support (PALS) | PALS!, pediatric advanced life support |
CPR and First Aid | CPR!, first aid, CPR certification, First Aid/CPR |
Certified Nursing Assistant (CNA) | CNA!, certified nursing assistant | Patient Care
Teaching License | teaching license, teaching certificate, teaching credential, teacher certification | Teaching
Google Ads Certification | Google Ads certified, Google Ads certification | Google Ads
Facebook Blueprint | Meta Blueprint, Facebook Blueprint certification | Facebook Ads
Google Analytics Certification | GAIQ!, Google Analytics Individual Qualification, Google Analytics certified | Google Analytics
HubSpot Certification | HubSpot certified, HubSpot Inbound certification | HubSpot
Salesforce Certified Administrator | Salesforce Administrator certification, Salesforce Certified Admin | Salesforce
Certified Business Analysis Professional | CBAP!, CCBA! | Business Analysis
Journeyman License | journeyman license, journeyman electrician, master electrician license | Electrical Wiring
EPA 608 Certification | EPA 608, EPA Section 608 | HVAC
OSHA 30 | OSHA 30-Hour | OSHA Compliance
OSHA 10 | OSHA 10-Hour | OSHA Compliance
Driver's License | driver's license, drivers license, driving licence, valid driver's license |
Tableau Certification | Tableau Desktop Specialist, Tableau Certified | Tableau
SHRM-CP | SHRM-SCP, SHRM certification | Human Resources

[stop]
senior leadership
thought leadership
executive leadership
leadership team
leadership principles
leadership roles
C-level
C-suite
R&D
notebook prototypes
go-getter
"""
